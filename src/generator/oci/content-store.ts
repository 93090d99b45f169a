/**
 * Registry content by digest, from the cache when it is there and from the registry
 * otherwise (then cached). Two callers asking for the same digest at once share one download.
 */
import { DawgError } from '../../errors.js';
import type { BlobCache } from '../cache.js';
import type { FetchedManifest, RegistryClient, RepositoryReference } from './registry-client.js';

/** Where a piece of content came from. */
export type ContentOrigin = 'cache' | 'registry';

export interface StoredContent {
  readonly bytes: Uint8Array;
  readonly origin: ContentOrigin;
}

export interface ContentStore {
  /** A manifest by digest, with the media type the registry sent (undefined from the cache). */
  manifest(
    repository: RepositoryReference,
    digest: string,
    options?: { readonly signal?: AbortSignal },
  ): Promise<StoredContent & { readonly mediaType: string | undefined }>;
  /**
   * A blob by descriptor.
   *
   * @throws DawgError `REGISTRY` when the descriptor's size is over `maxBlobBytes`.
   */
  blob(
    repository: RepositoryReference,
    descriptor: { readonly digest: string; readonly size: number },
    options?: { readonly signal?: AbortSignal; readonly what?: string },
  ): Promise<StoredContent>;
}

export interface ContentStoreOptions {
  readonly client: RegistryClient;
  readonly cache: BlobCache;
  /** Largest blob downloaded; larger descriptors are refused before any request. */
  readonly maxBlobBytes: number;
}

/** Builds a store over one client and one cache. */
export function createContentStore(options: ContentStoreOptions): ContentStore {
  const { client, cache } = options;
  const inFlight = new Map<string, Promise<StoredContent & { mediaType?: string }>>();

  const once = <T extends StoredContent>(digest: string, load: () => Promise<T>): Promise<T> => {
    const existing = inFlight.get(digest);
    if (existing !== undefined) {
      return existing as Promise<T>;
    }
    const loading = load().finally(() => inFlight.delete(digest));
    inFlight.set(digest, loading);
    return loading;
  };

  return {
    manifest(repository, digest, callOptions = {}) {
      return once(digest, async () => {
        const cached = await cache.read(digest);
        if (cached !== undefined) {
          return { bytes: cached, origin: 'cache' as const, mediaType: undefined };
        }
        const fetched: FetchedManifest =
          await client.fetchManifest(repository, digest, callOptions);
        await cache.write(digest, fetched.bytes);
        return { bytes: fetched.bytes, origin: 'registry' as const, mediaType: fetched.mediaType };
      });
    },

    blob(repository, descriptor, callOptions = {}) {
      return once(descriptor.digest, async () => {
        const cached = await cache.read(descriptor.digest);
        if (cached !== undefined) {
          return { bytes: cached, origin: 'cache' as const };
        }
        if (descriptor.size > options.maxBlobBytes) {
          throw new DawgError('REGISTRY', `${callOptions.what ?? `blob ${descriptor.digest}`} ` +
            `is ${descriptor.size} bytes, over the ${options.maxBlobBytes}-byte limit`);
        }
        const bytes = await client.fetchBlob(repository, descriptor, callOptions);
        await cache.write(descriptor.digest, bytes);
        return { bytes, origin: 'registry' as const };
      });
    },
  };
}
