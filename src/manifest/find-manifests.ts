import { stat } from 'node:fs/promises';
import path from 'node:path';

import fg from 'fast-glob';

import { DawgError } from '../errors.js';

/** Where DAWG looks when no paths are given: every YAML file under the working directory. */
export const defaultManifestPatterns: readonly string[] = ['**/*.yaml', '**/*.yml'];

/** Never searched: dependencies, VCS data. The output directory is added at run time. */
const alwaysExcluded: readonly string[] = ['**/node_modules/**', '**/.git/**'];

export interface FindManifestsOptions {
  /** Directory that patterns are relative to. Default `process.cwd()`. */
  readonly cwd?: string;
  /** Files, folders or globs. Default: `projectPatterns`, else every .yaml/.yml file. */
  readonly patterns?: readonly string[];
  /** The project's own manifest locations (dawg.config.json), searched when no paths are given. */
  readonly projectPatterns?: readonly string[];
  /** Globs to leave out, on top of node_modules, .git and the output directory. */
  readonly exclude?: readonly string[];
  /** The output directory (relative to `cwd`), never searched. Default `out`. */
  readonly outDir?: string;
}

export interface FoundManifestFiles {
  /** Paths relative to `cwd`, with forward slashes, sorted. */
  readonly files: readonly string[];
  /** True when the whole project was searched (no patterns given), so stale output can go. */
  readonly isWholeProject: boolean;
  /** The patterns the user named, each with the files it matched: an empty match is a mistake. */
  readonly unmatchedPatterns: readonly string[];
}

/**
 * Finds the YAML files that may hold Dashboard manifests. A folder means every YAML file under
 * it; a file is taken as is; anything else is a glob.
 */
export async function findManifestFiles(
  options: FindManifestsOptions = {},
): Promise<FoundManifestFiles> {
  const cwd = options.cwd ?? process.cwd();
  const outDir = toPosix(options.outDir ?? 'out').replace(/\/+$/, '');
  const ignore = [...alwaysExcluded, `${outDir}/**`, ...(options.exclude ?? [])];
  const named = options.patterns ?? [];
  const isWholeProject = named.length === 0;
  const patterns = isWholeProject
    ? options.projectPatterns ?? defaultManifestPatterns
    : named;

  const found = new Set<string>();
  const unmatchedPatterns: string[] = [];
  for (const pattern of patterns) {
    const globs = await expandPattern(cwd, pattern);
    const files = await fg([...globs], { cwd, ignore, onlyFiles: true, dot: false });
    if (files.length === 0 && patterns !== defaultManifestPatterns) {
      unmatchedPatterns.push(pattern);
    }
    files.forEach((file) => found.add(file));
  }

  return { files: [...found].sort(), isWholeProject, unmatchedPatterns };
}

async function expandPattern(cwd: string, pattern: string): Promise<readonly string[]> {
  if (pattern.trim() === '') {
    throw new DawgError('USAGE', 'an empty manifest path was given');
  }
  const kind = await pathKind(path.resolve(cwd, pattern));
  const relative = toPosix(path.relative(cwd, path.resolve(cwd, pattern))) || '.';
  const literal = fg.escapePath(relative);

  switch (kind) {
    case 'directory':
      return [`${literal}/**/*.yaml`, `${literal}/**/*.yml`];
    case 'file':
      return [literal];
    case 'missing':
      return [toPosix(pattern)];
  }
}

async function pathKind(absolute: string): Promise<'file' | 'directory' | 'missing'> {
  try {
    const info = await stat(absolute);
    return info.isDirectory() ? 'directory' : 'file';
  } catch {
    return 'missing';
  }
}

function toPosix(value: string): string {
  return value.split(path.sep).join('/');
}
