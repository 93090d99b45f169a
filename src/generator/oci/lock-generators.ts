/**
 * `dawg lock`: resolves every tagged oci:// reference the manifests use to the digest it
 * points to now, pulls it (so a lock never records something that does not run, and the
 * cache is warm), and writes the lock file. Entries no manifest uses any more are dropped;
 * an entry whose reference fails to resolve keeps its old digest.
 */
import { toDawgError, type DawgError } from '../../errors.js';
import {
  readLockFile,
  writeLockFile,
  type GeneratorLock,
  type LockEntry,
} from '../lock-file.js';
import type { OciReference } from '../reference.js';
import { formatOciReference } from './reference.js';
import { createOciResolver, type OciResolverOptions } from './resolver.js';

export interface LockGeneratorsOptions
  extends Omit<OciResolverOptions, 'lockFile' | 'frozenLock'> {
  /** The oci:// references found in the manifests; digest references need no entry. */
  readonly references: readonly OciReference[];
  /** The lock file to create or refresh. */
  readonly lockFile: string;
  /** Write the file. Default true; false only reports what would change (`--check`). */
  readonly write?: boolean;
  readonly signal?: AbortSignal;
}

/** What happened to one reference. */
export type LockOutcome =
  | {
    readonly status: 'added' | 'unchanged';
    readonly key: string;
    readonly digest: string;
  }
  | {
    /** The tag points somewhere else than the lock said. */
    readonly status: 'moved';
    readonly key: string;
    readonly digest: string;
    readonly previousDigest: string;
  }
  | { readonly status: 'failed'; readonly key: string; readonly error: DawgError };

export interface LockResult {
  /** One outcome per distinct tagged reference, sorted by key. */
  readonly outcomes: readonly LockOutcome[];
  /** Keys dropped because no manifest uses them. */
  readonly removed: readonly string[];
  /** True when the file was (or, with `write: false`, would be) changed. */
  readonly changed: boolean;
}

/** Creates or refreshes the lock file for `references`. */
export async function lockGenerators(options: LockGeneratorsOptions): Promise<LockResult> {
  const existing = await readLockFile(options.lockFile);
  const previous: GeneratorLock = existing ?? new Map();
  const resolver = createOciResolver({ ...options, lockFile: undefined, frozenLock: false });
  const tagged = distinctTagged(options.references);

  const outcomes = await Promise.all([...tagged].map(async ([key, reference]) => {
    try {
      const pulled = await resolver.pull(reference, { signal: options.signal });
      return outcomeFor(key, pulled.manifestDigest, previous.get(key));
    } catch (error) {
      return { status: 'failed', key, error: toDawgError(error, 'REGISTRY') } as const;
    }
  }));

  const next = new Map<string, LockEntry>();
  for (const outcome of outcomes) {
    const kept = outcome.status === 'failed' ? previous.get(outcome.key) : outcome;
    if (kept !== undefined) {
      next.set(outcome.key, { digest: kept.digest });
    }
  }
  const removed = [...previous.keys()].filter((key) => !tagged.has(key)).sort();
  const changed = existing === undefined || !sameLock(previous, next);
  if (changed && options.write !== false) {
    await writeLockFile(options.lockFile, next);
  }

  return { outcomes: outcomes.sort((a, b) => a.key.localeCompare(b.key)), removed, changed };
}

function distinctTagged(references: readonly OciReference[]): Map<string, OciReference> {
  const tagged = new Map<string, OciReference>();
  for (const reference of references) {
    if (reference.digest === undefined) {
      tagged.set(formatOciReference(reference), reference);
    }
  }
  return tagged;
}

function outcomeFor(key: string, digest: string, previous: LockEntry | undefined): LockOutcome {
  if (previous === undefined) {
    return { status: 'added', key, digest };
  }
  if (previous.digest === digest) {
    return { status: 'unchanged', key, digest };
  }
  return { status: 'moved', key, digest, previousDigest: previous.digest };
}

function sameLock(one: GeneratorLock, two: GeneratorLock): boolean {
  if (one.size !== two.size) {
    return false;
  }
  return [...one].every(([key, entry]) => two.get(key)?.digest === entry.digest);
}
