import { readFile } from 'node:fs/promises';
import path from 'node:path';

import pLimit from 'p-limit';

import { DawgError } from '../errors.js';
import { parseManifests, type ManifestOutcome } from './parse-manifests.js';

/** Files read at once: enough to hide disk latency, few enough to stay far from fd limits. */
const fileConcurrency = 32;

export interface ReadManifestsOptions {
  readonly cwd?: string;
  /** Report YAML syntax errors in files that do not mention DAWG (see parseManifests). */
  readonly reportForeignSyntaxErrors?: boolean;
}

/** Reads and parses manifest files; an unreadable file is one failed outcome, not a throw. */
export async function readManifests(
  files: readonly string[],
  options: ReadManifestsOptions = {},
): Promise<ManifestOutcome[]> {
  const cwd = options.cwd ?? process.cwd();
  const limit = pLimit(fileConcurrency);

  const perFile = await Promise.all(files.map((file) => limit(async () => {
    try {
      const text = await readFile(path.resolve(cwd, file), 'utf8');
      return parseManifests(text, file, options);
    } catch (error) {
      return [unreadable(file, error)];
    }
  })));

  return perFile.flat();
}

function unreadable(file: string, cause: unknown): ManifestOutcome {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return {
    status: 'failed',
    source: { file, documentIndex: 0, line: 1, column: 1 },
    error: new DawgError('MANIFEST_PARSE', `cannot read the file: ${reason}`, {
      location: { file },
      cause,
    }),
  };
}
