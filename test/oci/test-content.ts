/**
 * Content for the OCI tests: tiny valid wasm modules that differ by a custom section, and a
 * way to push any manifest with its blobs (to reproduce other tools' formats byte for byte).
 */
import wabtInit from 'wabt';

import { sha256Digest } from '../../src/generator/digest.js';
import { emptyConfig, ociManifestType } from '../../src/generator/oci/media-types.js';
import type {
  RegistryClient,
  RepositoryReference,
} from '../../src/generator/oci/registry-client.js';

/** The smallest valid module (magic and version) plus a custom section named `label`. */
export function tinyModule(label: string): Uint8Array {
  const name = new TextEncoder().encode(label);
  const sectionSize = 1 + name.length;
  if (name.length > 127 || sectionSize > 127) {
    throw new Error('label too long for a one-byte LEB128 size');
  }
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    0x00, sectionSize, name.length, ...name]);
}

/** A WASI command generator (built from WAT) that prints one dashboard, whatever its config. */
export async function dashboardGenerator(title: string): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const json = JSON.stringify({ title, panels: [], schemaVersion: 39 });
  const wat = `(module
    (import "wasi_snapshot_preview1" "fd_write"
      (func $fd_write (param i32 i32 i32 i32) (result i32)))
    (memory (export "memory") 1)
    (data (i32.const 16) ${JSON.stringify(json)})
    (func (export "_start")
      (i32.store (i32.const 0) (i32.const 16))
      (i32.store (i32.const 4) (i32.const ${json.length}))
      (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))`;
  const parsed = wabt.parseWat('generator.wat', wat);
  try {
    return new Uint8Array(parsed.toBinary({}).buffer);
  } finally {
    parsed.destroy();
  }
}

export interface RawArtifact {
  readonly manifest: object;
  readonly mediaType?: string;
  readonly blobs: readonly Uint8Array[];
}

/** Uploads the blobs, then puts the manifest (as exact JSON) under `tag`. */
export async function pushRaw(
  client: RegistryClient,
  repository: RepositoryReference,
  tag: string,
  artifact: RawArtifact,
): Promise<{ readonly digest: string; readonly bytes: Uint8Array }> {
  for (const blob of artifact.blobs) {
    if (!(await client.hasBlob(repository, sha256Digest(blob)))) {
      await client.uploadBlob(repository, blob);
    }
  }
  const bytes = new TextEncoder().encode(JSON.stringify(artifact.manifest));
  const digest = await client.putManifest(repository, tag, {
    bytes,
    mediaType: artifact.mediaType ?? ociManifestType,
  });
  return { digest, bytes };
}

/** A descriptor for `bytes`. */
export function descriptorOf(
  mediaType: string,
  bytes: Uint8Array,
  extra: object = {},
): { mediaType: string; digest: string; size: number } {
  return { mediaType, digest: sha256Digest(bytes), size: bytes.length, ...extra };
}

export const emptyConfigDescriptor = {
  mediaType: emptyConfig.mediaType,
  digest: emptyConfig.digest,
  size: emptyConfig.size,
};
