/**
 * The generator lock file: for every tagged oci:// reference the manifests use, the manifest
 * digest it resolved to when `dawg lock` last ran. Committed with the manifests, it makes
 * renders reproducible: `dawg render` pulls the locked digest, not whatever the tag points to
 * today. The file is JSON with sorted keys and a trailing newline, so it diffs cleanly:
 *
 *     {
 *       "lockfileVersion": 1,
 *       "generators": {
 *         "ghcr.io/acme/timeseries:v1": { "digest": "sha256:…" }
 *       }
 *     }
 *
 * Keys are references as `formatOciReference` writes them (no scheme, Docker Hub names
 * normalised), so `oci://` and `registry://` spellings share one entry.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { Ajv2020, type JSONSchemaType } from 'ajv/dist/2020.js';

import { DawgError } from '../errors.js';

/** The lock file's name, in the project folder, when no other path is given. */
export const defaultLockFileName = 'dawg-lock.json';

/** The format version this code writes and reads. */
export const lockFileVersion = 1;

export interface LockEntry {
  /** `sha256:<hex>` of the manifest (or index) the tag pointed to. */
  readonly digest: string;
}

/** Locked references, by key (`host/repository:tag`). */
export type GeneratorLock = ReadonlyMap<string, LockEntry>;

interface LockFileJson {
  lockfileVersion: number;
  generators: Record<string, { digest: string }>;
}

const lockSchema: JSONSchemaType<LockFileJson> = {
  type: 'object',
  properties: {
    lockfileVersion: { type: 'integer' },
    generators: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        properties: { digest: { type: 'string', pattern: '^sha256:[a-f0-9]{64}$' } },
        required: ['digest'],
        additionalProperties: false,
      },
      required: [],
    },
  },
  required: ['lockfileVersion', 'generators'],
  additionalProperties: false,
};

let validate: ((value: unknown) => value is LockFileJson) | undefined;

/**
 * Parses lock file text.
 *
 * @throws DawgError `LOCK_STALE` naming the file when it is not a lock file DAWG can read.
 */
export function parseLockFile(text: string, file: string): GeneratorLock {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid(file, 'is not valid JSON');
  }
  validate ??= new Ajv2020({ strict: true, allErrors: false }).compile(lockSchema);
  if (!validate(value)) {
    throw invalid(file, 'does not have the lock file shape');
  }
  if (value.lockfileVersion !== lockFileVersion) {
    throw invalid(file, `has lockfileVersion ${value.lockfileVersion}; this DAWG reads ` +
      `version ${lockFileVersion}`);
  }

  return new Map(Object.entries(value.generators).map(([key, entry]) =>
    [key, { digest: entry.digest }]));
}

/** The file text for `lock`: sorted keys, two-space indent, trailing newline. */
export function formatLockFile(lock: GeneratorLock): string {
  const generators: Record<string, LockEntry> = {};
  for (const key of [...lock.keys()].sort()) {
    const entry = lock.get(key);
    if (entry !== undefined) {
      generators[key] = { digest: entry.digest };
    }
  }
  return `${JSON.stringify({ lockfileVersion: lockFileVersion, generators }, null, 2)}\n`;
}

/** The lock in `file`, or undefined when the file does not exist. */
export async function readLockFile(file: string): Promise<GeneratorLock | undefined> {
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    const code = typeof error === 'object' && error !== null && 'code' in error
      ? error.code
      : undefined;
    if (code === 'ENOENT') {
      return undefined;
    }
    throw error;
  });
  return text === undefined ? undefined : parseLockFile(text, file);
}

/**
 * Writes `lock` to `file` (atomically: a temporary file renamed into place). Resolves to
 * false, without writing, when the file already holds exactly this text.
 */
export async function writeLockFile(file: string, lock: GeneratorLock): Promise<boolean> {
  const text = formatLockFile(lock);
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  if (existing === text) {
    return false;
  }

  const temporary = `${file}.${process.pid}.tmp`;
  await mkdir(path.dirname(file), { recursive: true });
  try {
    await writeFile(temporary, text);
    await rename(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
  return true;
}

function invalid(file: string, problem: string): DawgError {
  return new DawgError('LOCK_STALE', `lock file ${file} ${problem}`, {
    hint: 'run dawg lock to write it again',
  });
}
