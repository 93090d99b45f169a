import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { DawgError } from '../errors.js';

/** The optional file at the project's root that says where manifests and output live. */
export const projectConfigFileName = 'dawg.config.json';

/**
 * What a project may set once instead of passing flags on every run. Flags win over it, and it
 * wins over the defaults.
 */
export interface ProjectConfig {
  /** Manifest files, folders or globs searched when no paths are given. */
  readonly manifests?: readonly string[];
  /** Globs never searched. */
  readonly exclude?: readonly string[];
  /** Output directory, relative to the project root. */
  readonly outDir?: string;
}

const knownKeys: ReadonlySet<string> = new Set(['manifests', 'exclude', 'outDir']);

/** Reads `dawg.config.json` in `cwd`; an absent file is an empty config. */
export async function readProjectConfig(cwd: string): Promise<ProjectConfig> {
  const file = path.join(cwd, projectConfigFileName);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return {};
    }
    throw new DawgError('USAGE', `cannot read ${projectConfigFileName}: ${String(error)}`);
  }
  return parseProjectConfig(text);
}

export function parseProjectConfig(text: string): ProjectConfig {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw invalid(`is not valid JSON: ${reason}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid('must hold a JSON object');
  }

  const config = value as Record<string, unknown>;
  const unknown = Object.keys(config).find((key) => !knownKeys.has(key));
  if (unknown !== undefined) {
    throw invalid(`has an unknown field ${unknown} (allowed: ${[...knownKeys].join(', ')})`);
  }
  return {
    manifests: stringList(config, 'manifests'),
    exclude: stringList(config, 'exclude'),
    outDir: nonEmptyString(config, 'outDir'),
  };
}

function stringList(config: Record<string, unknown>, field: string): string[] | undefined {
  const value = config[field];
  if (value === undefined) {
    return undefined;
  }
  const isList = Array.isArray(value)
    && value.every((item) => typeof item === 'string' && item !== '');
  if (!isList) {
    throw invalid(`field ${field} must be a list of non-empty strings`);
  }
  return value as string[];
}

function nonEmptyString(config: Record<string, unknown>, field: string): string | undefined {
  const value = config[field];
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string' || value === '') {
    throw invalid(`field ${field} must be a non-empty string`);
  }
  return value;
}

function invalid(message: string): DawgError {
  return new DawgError('USAGE', `${projectConfigFileName} ${message}`, {
    location: { file: projectConfigFileName },
  });
}
