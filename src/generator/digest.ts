import { createHash } from 'node:crypto';

/** `sha256:<hex>` of some bytes: how DAWG names a generator module everywhere. */
export function sha256Digest(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** The short form for logs: `sha256:3f1c9a2b0d4e`. */
export function shortDigest(digest: string): string {
  return digest.slice(0, 'sha256:'.length + 12);
}
