/**
 * What the render stage calls for every oci:// generator: the lock file decides the digest of
 * a tag, the cache answers when it can, concurrent requests for one reference share one pull,
 * and each failure is a DawgError whose message starts with the reference.
 *
 * Request budget: a digest reference with a warm cache makes no request at all; a tag costs
 * one manifest HEAD per resolver to learn its digest, or, when it is locked, to check whether
 * it moved. A resolver remembers what it resolved, so create one per run; a failure is not
 * remembered and is tried again on the next call.
 */
import { DawgError, isDawgError, toDawgError } from '../../errors.js';
import { silentLogger, type Logger } from '../../log.js';
import { createBlobCache, type BlobCache } from '../cache.js';
import { shortDigest } from '../digest.js';
import { readLockFile, type GeneratorLock } from '../lock-file.js';
import { defaultMaxModuleBytes } from '../resolve.js';
import type { OciReference } from '../reference.js';
import { createContentStore } from './content-store.js';
import { pullGenerator, type PulledGenerator } from './pull-generator.js';
import { formatOciReference } from './reference.js';
import { createClientFromOptions, type RegistryOptions } from './registry-options.js';

export interface OciResolverOptions extends RegistryOptions {
  /** Cache folder. Default `defaultCacheDirectory()` (`$DAWG_CACHE_DIR`, ~/.cache/dawg, …). */
  readonly cacheDir?: string;
  /** Lock file path. Default: none (tags resolve to what they point to now). */
  readonly lockFile?: string;
  /**
   * Refuse to resolve a tag that the lock file lacks or that moved since it was locked (and
   * a missing lock file): the CI flag. Default false.
   */
  readonly frozenLock?: boolean;
  /** Largest blob (module layer) downloaded. Default 64 MiB, as for file:// modules. */
  readonly maxBlobBytes?: number;
}

/** One resolved generator. */
export interface OciResolution extends PulledGenerator {
  readonly reference: OciReference;
}

export interface OciResolver {
  /**
   * Verified module bytes for a reference, after applying the lock file. `digest` is the
   * module's sha256, `manifestDigest` the manifest's.
   *
   * @throws DawgError REGISTRY_*, LOCK_STALE or GENERATOR_INVALID_MODULE; the message starts
   *   with `oci://…` and never holds a credential.
   */
  resolve(
    reference: OciReference,
    options?: { readonly signal?: AbortSignal },
  ): Promise<OciResolution>;
  /** Like `resolve`, but ignores the lock file: what the reference points to now. */
  pull(
    reference: OciReference,
    options?: { readonly signal?: AbortSignal },
  ): Promise<OciResolution>;
}

/** Builds a resolver. Nothing is read or fetched until the first call. */
export function createOciResolver(options: OciResolverOptions = {}): OciResolver {
  const logger = options.logger ?? silentLogger;
  const maxBlobBytes = options.maxBlobBytes ?? defaultMaxModuleBytes;
  const client = createClientFromOptions(options);
  const cache: BlobCache = createBlobCache({ directory: options.cacheDir, logger });
  const store = createContentStore({ client, cache, maxBlobBytes });
  const resolutions = new Map<string, Promise<OciResolution>>();
  const pulls = new Map<string, Promise<OciResolution>>();
  let lock: Promise<GeneratorLock | undefined> | undefined;

  const pullDigest = async (
    reference: OciReference,
    digest: string,
    signal: AbortSignal | undefined,
  ): Promise<OciResolution> => {
    const started = performance.now();
    const pulled = await pullGenerator({ ...reference, digest }, { store, maxBlobBytes, signal });
    const milliseconds = Math.round(performance.now() - started);
    const verb = pulled.resolvedFrom === 'cache' ? 'found in cache' : 'pulled';
    logger.debug(`${verb} oci://${formatOciReference(reference)} in ${milliseconds} ms`, {
      generator: formatOciReference(reference),
      digest: shortDigest(pulled.digest),
    });
    return { ...pulled, reference };
  };

  const pullNow = async (
    reference: OciReference,
    signal: AbortSignal | undefined,
  ): Promise<OciResolution> => {
    if (reference.digest !== undefined) {
      return pullDigest(reference, reference.digest, signal);
    }
    const digest = await client.resolveTag({ ...reference, tag: reference.tag ?? 'latest' }, {
      signal,
    });
    return pullDigest(reference, digest, signal);
  };

  const resolveLocked = async (
    reference: OciReference,
    signal: AbortSignal | undefined,
  ): Promise<OciResolution> => {
    const lockFile = options.lockFile;
    const usesLock = lockFile !== undefined || options.frozenLock === true;
    if (reference.digest !== undefined || !usesLock) {
      return pullNow(reference, signal);
    }
    lock ??= lockFile === undefined ? Promise.resolve(undefined) : readLockFile(lockFile);
    const entries = await lock;
    const key = formatOciReference(reference);
    const entry = entries?.get(key);
    if (entry === undefined) {
      return resolveUnlocked(reference, { entries, signal });
    }

    await checkTagMoved(reference, entry.digest, signal);
    return pullDigest(reference, entry.digest, signal);
  };

  const resolveUnlocked = (
    reference: OciReference,
    context: { entries: GeneratorLock | undefined; signal: AbortSignal | undefined },
  ): Promise<OciResolution> => {
    if (options.frozenLock !== true) {
      return pullNow(reference, context.signal);
    }
    const shown = `oci://${formatOciReference(reference)}`;
    const lockFile = options.lockFile ?? '(none given)';
    const message = context.entries === undefined
      ? `${shown}: lock file ${lockFile} does not exist`
      : `${shown} is not in lock file ${lockFile}`;
    throw new DawgError('LOCK_STALE', message, {
      hint: 'run dawg lock and commit the lock file',
    });
  };

  const checkTagMoved = async (
    reference: OciReference,
    lockedDigest: string,
    signal: AbortSignal | undefined,
  ): Promise<void> => {
    const shown = `oci://${formatOciReference(reference)}`;
    let current: string;
    try {
      current = await client.resolveTag({ ...reference, tag: reference.tag ?? 'latest' }, {
        signal,
      });
    } catch (error) {
      const reason = isDawgError(error) ? error.message : String(error);
      logger.warn(`could not check whether ${shown} moved; using the locked digest`, {
        generator: formatOciReference(reference),
        reason,
      });
      return;
    }
    if (current === lockedDigest) {
      return;
    }
    const moved = `${shown} moved since it was locked: locked ${shortDigest(lockedDigest)}, ` +
      `now ${shortDigest(current)}`;
    if (options.frozenLock === true) {
      throw new DawgError('LOCK_STALE', moved, { hint: 'run dawg lock and commit the lock file' });
    }
    logger.warn(`${moved}; rendering with the locked digest (run dawg lock to update)`, {
      generator: formatOciReference(reference),
    });
  };

  const memoise = (
    table: Map<string, Promise<OciResolution>>,
    reference: OciReference,
    work: () => Promise<OciResolution>,
  ): Promise<OciResolution> => {
    const key = formatOciReference(reference);
    const existing = table.get(key);
    if (existing !== undefined) {
      return existing;
    }
    const result = work().catch((error: unknown) => {
      table.delete(key);
      throw namedError(reference, error);
    });
    table.set(key, result);
    return result;
  };

  return {
    resolve(reference, resolveOptions = {}) {
      return memoise(resolutions, reference,
        () => resolveLocked(reference, resolveOptions.signal));
    },
    pull(reference, pullOptions = {}) {
      return memoise(pulls, reference, () => pullNow(reference, pullOptions.signal));
    },
  };
}

/** The error, its message starting with the reference when a lower layer did not say it. */
function namedError(reference: OciReference, error: unknown): unknown {
  if (!isDawgError(error)) {
    return error instanceof DOMException && error.name === 'AbortError'
      ? error
      : toDawgError(error, 'REGISTRY');
  }
  const shown = `oci://${formatOciReference(reference)}`;
  if (error.message.startsWith(shown)) {
    return error;
  }
  return new DawgError(error.code, `${shown}: ${error.message}`, {
    hint: error.hint,
    cause: error,
    detail: error.detail,
  });
}
