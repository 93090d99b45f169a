/**
 * Uploads one blob (distribution-spec "Pushing blobs"): open a session with POST, then either
 * one PUT with the whole body, or PATCH chunks followed by a closing PUT. Each answer carries
 * the session's next Location, which may be relative and already have a query string
 * (distribution 2.8 adds `_state`), so it is always resolved and extended with `URL`.
 */
import { DawgError } from '../../errors.js';
import { sha256Digest } from '../digest.js';
import type { HttpMethod } from './http-transport.js';
import { registryFailure } from './registry-error.js';

export interface UploadBlobOptions {
  readonly bytes: Uint8Array;
  /**
   * Blobs larger than this go up in chunks of this size. Default `defaultChunkSizeBytes`.
   */
  readonly chunkSizeBytes?: number;
  readonly signal?: AbortSignal;
  /** `http(s)://host[:port]`, to resolve relative Locations against. */
  readonly origin: string;
  readonly repository: string;
  /** Sends one request through the auth layer with push scope. */
  readonly send: (
    method: HttpMethod,
    url: URL,
    extras: {
      readonly headers?: Readonly<Record<string, string>>;
      readonly body?: Uint8Array;
      readonly signal?: AbortSignal;
    },
  ) => Promise<Response>;
}

/**
 * 8 MiB: real generators (20 KB to a few MB) go up in one request; larger ones are split so
 * that no request body grows past what proxies in front of registries commonly accept.
 */
export const defaultChunkSizeBytes = 8 * 1024 * 1024;

const octetStream = 'application/octet-stream';

/** Uploads `bytes` and resolves to their digest. */
export async function uploadBlob(options: UploadBlobOptions): Promise<string> {
  const digest = sha256Digest(options.bytes);
  const chunkSize = options.chunkSizeBytes ?? defaultChunkSizeBytes;
  let location = await openSession(options);

  const isChunked = options.bytes.length > chunkSize;
  if (isChunked) {
    for (let start = 0; start < options.bytes.length; start += chunkSize) {
      const chunk = options.bytes.subarray(start, start + chunkSize);
      location = await sendChunk(options, location, { chunk, start });
    }
  }

  const closing = new URL(location);
  closing.searchParams.set('digest', digest);
  const response = await options.send('PUT', closing, {
    headers: { 'content-type': octetStream },
    body: isChunked ? undefined : options.bytes,
    signal: options.signal,
  });
  if (response.status !== 201) {
    throw await failure(response, 'PUT', options);
  }
  await response.body?.cancel().catch(() => undefined);
  return digest;
}

async function openSession(options: UploadBlobOptions): Promise<URL> {
  const url = new URL(`/v2/${options.repository}/blobs/uploads/`, options.origin);
  const response = await options.send('POST', url, { signal: options.signal });
  if (response.status !== 202) {
    throw await failure(response, 'POST', options);
  }
  await response.body?.cancel().catch(() => undefined);
  return nextLocation(response, url);
}

async function sendChunk(
  options: UploadBlobOptions,
  location: URL,
  part: { readonly chunk: Uint8Array; readonly start: number },
): Promise<URL> {
  const end = part.start + part.chunk.length - 1;
  const response = await options.send('PATCH', location, {
    headers: { 'content-type': octetStream, 'content-range': `${part.start}-${end}` },
    body: part.chunk,
    signal: options.signal,
  });
  if (response.status !== 202) {
    throw await failure(response, 'PATCH', options);
  }
  await response.body?.cancel().catch(() => undefined);
  return nextLocation(response, location);
}

function nextLocation(response: Response, base: URL): URL {
  const location = response.headers.get('location');
  if (location === null) {
    throw new DawgError('REGISTRY', `${base.host} opened an upload without a Location ` +
      `(${base.pathname} → ${response.status})`);
  }
  return new URL(location, base);
}

function failure(
  response: Response,
  method: HttpMethod,
  options: UploadBlobOptions,
): Promise<DawgError> {
  return registryFailure(response, {
    method,
    path: `/v2/${options.repository}/blobs/uploads/`,
    context: `uploading a blob to ${options.repository} failed`,
  });
}
