/**
 * The content-addressed cache of registry content: manifests and blobs, each stored under its
 * digest (`<dir>/blobs/sha256/<hex>`), so a digest is never downloaded twice. Every read is
 * re-hashed; a damaged entry is removed and reported as missing, so it is fetched again.
 * Writes go to a temporary file and are renamed into place, so concurrent runs sharing the
 * folder never see half a file.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { DawgError } from '../errors.js';
import { silentLogger, type Logger } from '../log.js';
import { sha256Digest, shortDigest } from './digest.js';

export interface BlobCache {
  /** The cache folder. */
  readonly directory: string;
  /** The bytes stored under `digest`, verified; undefined when absent or damaged. */
  read(digest: string): Promise<Uint8Array | undefined>;
  /**
   * Stores `bytes` under `digest`.
   *
   * @throws DawgError `REGISTRY_DIGEST_MISMATCH` when the bytes do not hash to `digest`.
   */
  write(digest: string, bytes: Uint8Array): Promise<void>;
}

export interface BlobCacheOptions {
  /** Default `defaultCacheDirectory()`. */
  readonly directory?: string;
  readonly logger?: Logger;
}

const digestPattern = /^sha256:([a-f0-9]{64})$/;

/** Opens (lazily creates) a cache folder. Nothing touches the disk until the first call. */
export function createBlobCache(options: BlobCacheOptions = {}): BlobCache {
  const directory = path.resolve(options.directory ?? defaultCacheDirectory());
  const logger = options.logger ?? silentLogger;
  const pathOf = (digest: string): string => {
    const hex = digestPattern.exec(digest)?.[1];
    if (hex === undefined) {
      throw new DawgError('INTERNAL', `cache key ${digest} is not a sha256 digest`);
    }
    return path.join(directory, 'blobs', 'sha256', hex);
  };

  return {
    directory,

    async read(digest) {
      const file = pathOf(digest);
      const bytes = await readFile(file).catch((error: unknown) => {
        if (isMissing(error)) {
          return undefined;
        }
        throw error;
      });
      if (bytes === undefined) {
        return undefined;
      }
      if (sha256Digest(bytes) !== digest) {
        logger.warn(`removed damaged cache entry ${shortDigest(digest)}; fetching it again`, {
          file,
        });
        await rm(file, { force: true });
        return undefined;
      }
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },

    async write(digest, bytes) {
      const actual = sha256Digest(bytes);
      if (actual !== digest) {
        throw new DawgError('REGISTRY_DIGEST_MISMATCH', `refusing to cache content with digest ` +
          `${actual} under ${digest}`);
      }
      const file = pathOf(digest);
      const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
      await mkdir(path.dirname(file), { recursive: true });
      try {
        await writeFile(temporary, bytes);
        await rename(temporary, file);
      } finally {
        await rm(temporary, { force: true });
      }
    },
  };
}

/**
 * Where the cache lives by default: `$DAWG_CACHE_DIR`, else the user's cache folder
 * (`$XDG_CACHE_HOME/dawg` or `~/.cache/dawg` on Linux, `~/Library/Caches/dawg` on macOS,
 * `%LOCALAPPDATA%\dawg\cache` on Windows).
 */
export function defaultCacheDirectory(
  environment: Readonly<Record<string, string | undefined>> = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const explicit = environment['DAWG_CACHE_DIR'];
  if (explicit !== undefined && explicit !== '') {
    return explicit;
  }
  const home = environment['HOME'] ?? os.homedir();
  if (platform === 'darwin') {
    return path.join(home, 'Library', 'Caches', 'dawg');
  }
  if (platform === 'win32') {
    const local = environment['LOCALAPPDATA'] ?? path.join(home, 'AppData', 'Local');
    return path.join(local, 'dawg', 'cache');
  }
  const xdg = environment['XDG_CACHE_HOME'];
  return path.join(xdg !== undefined && xdg !== '' ? xdg : path.join(home, '.cache'), 'dawg');
}

function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}
