import { readFile, stat } from 'node:fs/promises';

import { DawgError, toDawgError } from '../errors.js';
import { silentLogger, type Logger } from '../log.js';
import { sha256Digest, shortDigest } from './digest.js';
import type { GeneratorReference, OciReference, ResolvedGenerator } from './reference.js';

/** Largest generator module read from disk: real generators are 20 KB to a few MB. */
export const defaultMaxModuleBytes = 64 * 1024 * 1024;

/** What the resolver needs from the OCI client: verified bytes for a reference. */
export interface OciModuleSource {
  resolve(
    reference: OciReference,
    options?: { readonly signal?: AbortSignal },
  ): Promise<{ readonly digest: string; readonly bytes: Uint8Array }>;
}

export interface GeneratorResolverOptions {
  /** Where oci:// references come from; without it they fail with a clear error. */
  readonly oci?: OciModuleSource;
  readonly logger?: Logger;
  readonly maxModuleBytes?: number;
}

export interface GeneratorResolver {
  /** Each distinct reference is fetched once per resolver, however many manifests use it. */
  resolve(
    reference: GeneratorReference,
    options?: { readonly signal?: AbortSignal },
  ): Promise<ResolvedGenerator>;
}

export function createGeneratorResolver(options: GeneratorResolverOptions = {}): GeneratorResolver {
  const logger = options.logger ?? silentLogger;
  const maxBytes = options.maxModuleBytes ?? defaultMaxModuleBytes;
  const pending = new Map<string, Promise<ResolvedGenerator>>();

  const fetchOnce = async (
    reference: GeneratorReference,
    signal: AbortSignal | undefined,
  ): Promise<ResolvedGenerator> => {
    if (reference.scheme === 'file') {
      const bytes = await readModuleFile(reference.path, maxBytes);
      const digest = sha256Digest(bytes);
      logger.debug(`read generator ${reference.path}`, { digest: shortDigest(digest) });
      return { reference, digest, bytes };
    }
    if (options.oci === undefined) {
      throw new DawgError('GENERATOR_UNSUPPORTED', `${reference.text}: no registry client`);
    }
    const { digest, bytes } = await options.oci.resolve(reference.oci, { signal });
    return { reference, digest, bytes };
  };

  return {
    resolve(reference, resolveOptions = {}) {
      const key = reference.scheme === 'file' ? `file:${reference.path}` : reference.text;
      const existing = pending.get(key);
      if (existing !== undefined) {
        return existing;
      }
      const result = fetchOnce(reference, resolveOptions.signal)
        .catch((error: unknown) => Promise.reject(toDawgError(error, 'GENERATOR_NOT_FOUND')));
      pending.set(key, result);
      return result;
    },
  };
}

async function readModuleFile(file: string, maxBytes: number): Promise<Uint8Array> {
  const info = await stat(file).catch((error: unknown) => {
    throw new DawgError('GENERATOR_NOT_FOUND', `generator file ${file} does not exist`, {
      cause: error,
    });
  });
  if (!info.isFile()) {
    throw new DawgError('GENERATOR_NOT_FOUND', `generator path ${file} is not a file`);
  }
  if (info.size > maxBytes) {
    throw new DawgError(
      'GENERATOR_INVALID_MODULE',
      `generator file ${file} is ${info.size} bytes, over the ${maxBytes}-byte limit`,
    );
  }
  return new Uint8Array(await readFile(file));
}
