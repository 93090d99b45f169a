/**
 * Reads response bodies with a size cap, and blobs through a SHA-256 so a tampered or
 * truncated download is caught before any byte is used.
 */
import { createHash } from 'node:crypto';

import { DawgError } from '../../errors.js';

export interface ReadBodyOptions {
  /** Reading stops with an error past this many bytes. */
  readonly maxBytes: number;
  /** What is being read, for messages: `manifest of oci://…`. */
  readonly what: string;
}

/**
 * The whole body, or an error once it passes `maxBytes`.
 *
 * @throws DawgError `REGISTRY` when the body is too large or the connection drops.
 */
export async function readBody(response: Response, options: ReadBodyOptions): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > options.maxBytes) {
    await response.body?.cancel();
    throw tooLarge(options, declared);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;

  for await (const chunk of iterateBody(response, options.what)) {
    size += chunk.length;
    if (size > options.maxBytes) {
      throw tooLarge(options, size);
    }
    chunks.push(chunk);
  }

  return concat(chunks, size);
}

export interface ReadVerifiedBlobOptions {
  /** `sha256:<hex>` the bytes must hash to. */
  readonly digest: string;
  /** Size from the descriptor; a longer body is cut off and fails the check. */
  readonly size: number;
  /** What is being read, for messages. */
  readonly what: string;
}

/**
 * The body, checked against the descriptor's size and digest.
 *
 * @throws DawgError `REGISTRY_DIGEST_MISMATCH` naming the expected and the actual digest.
 */
export async function readVerifiedBlob(
  response: Response,
  options: ReadVerifiedBlobOptions,
): Promise<Uint8Array> {
  const hash = createHash('sha256');
  const chunks: Uint8Array[] = [];
  let size = 0;

  for await (const chunk of iterateBody(response, options.what)) {
    size += chunk.length;
    if (size > options.size) {
      throw new DawgError('REGISTRY_DIGEST_MISMATCH', `${options.what} is longer than the ` +
        `${options.size} bytes its descriptor states; expected ${options.digest}`);
    }
    hash.update(chunk);
    chunks.push(chunk);
  }

  const actual = `sha256:${hash.digest('hex')}`;
  if (actual !== options.digest) {
    throw new DawgError('REGISTRY_DIGEST_MISMATCH', `${options.what} has digest ${actual}, ` +
      `expected ${options.digest}`, {
      hint: 'the registry served different bytes; do not use them',
    });
  }
  return concat(chunks, size);
}

async function* iterateBody(response: Response, what: string): AsyncGenerator<Uint8Array> {
  if (response.body === null) {
    return;
  }
  const reader = response.body.getReader();
  let isFinished = false;
  try {
    for (;;) {
      const { done, value } = await readChunk(reader, what);
      if (done) {
        isFinished = true;
        return;
      }
      yield value;
    }
  } finally {
    if (!isFinished) {
      await reader.cancel().catch(() => undefined);
    }
    reader.releaseLock();
  }
}

async function readChunk(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  what: string,
): ReturnType<ReadableStreamDefaultReader<Uint8Array>['read']> {
  try {
    return await reader.read();
  } catch (error) {
    throw new DawgError('REGISTRY_UNREACHABLE', `connection lost while reading ${what}`, {
      cause: error,
    });
  }
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

function tooLarge(options: ReadBodyOptions, size: number): DawgError {
  return new DawgError('REGISTRY', `${options.what} is over the ${options.maxBytes}-byte limit ` +
    `(${size} bytes or more)`);
}
