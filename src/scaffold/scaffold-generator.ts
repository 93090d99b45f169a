import { chmod, mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { DawgError } from '../errors.js';
import { assemblyScriptFiles } from './assemblyscript-files.js';
import { cFiles } from './c-files.js';
import { projectFiles } from './project-files.js';
import { readSdkFiles } from './read-sdk-files.js';
import type { ScaffoldCommands, ScaffoldFile } from './scaffold-file.js';
import { starterMetadata } from './starter-metadata.js';

/** Languages `dawg init generator` can scaffold. */
export const generatorLanguages = ['assemblyscript', 'c'] as const;

export type GeneratorLanguage = (typeof generatorLanguages)[number];

export interface ScaffoldGeneratorOptions {
  /** The folder to create, relative to `cwd`. It must not exist, or be empty. */
  readonly directory: string;
  readonly language: GeneratorLanguage;
  /** The generator's name, a DNS-1123 label. Default: the folder's name. */
  readonly name?: string;
  /** Default `process.cwd()`. */
  readonly cwd?: string;
}

export interface ScaffoldGeneratorResult {
  /** Absolute path of the new folder. */
  readonly directory: string;
  readonly name: string;
  /** Files written, relative to `directory`. */
  readonly files: readonly string[];
  readonly commands: ScaffoldCommands;
}

const commandsByLanguage: Record<GeneratorLanguage, ScaffoldCommands> = {
  assemblyscript: { install: 'npm install', build: 'npm run build', test: 'npm test' },
  c: {
    install: undefined,
    build: 'sh build.sh',
    test: 'node --disable-warning=ExperimentalWarning --test',
  },
};

const languageTitles: Record<GeneratorLanguage, string> = {
  assemblyscript: 'AssemblyScript',
  c: 'C',
};

/** Generator names become file names and manifest names: a DNS-1123 label keeps both safe. */
const namePattern = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * Creates a working generator in a new folder: source, build script, generator.json (name,
 * version, description, config schema, example config; embedded by the build), a test and an
 * example manifest that renders once the module is built. Throws a USAGE error, before writing
 * anything, for a bad name or a folder that is not empty.
 */
export async function scaffoldGenerator(
  options: ScaffoldGeneratorOptions,
): Promise<ScaffoldGeneratorResult> {
  const directory = path.resolve(options.cwd ?? process.cwd(), options.directory);
  const name = options.name ?? path.basename(directory);
  checkName(name, options.name === undefined);
  await checkEmpty(directory);

  const commands = commandsByLanguage[options.language];
  const languageFiles = options.language === 'c'
    ? cFiles(name)
    : assemblyScriptFiles(name, await readSdkFiles());
  const files = [
    ...languageFiles,
    ...projectFiles({
      metadata: starterMetadata(name),
      language: languageTitles[options.language],
      commands,
    }),
  ];
  for (const file of files) {
    await writeScaffoldFile(directory, file);
  }

  return { directory, name, files: files.map((file) => file.path), commands };
}

function checkName(name: string, isFromFolder: boolean): void {
  if (namePattern.test(name)) {
    return;
  }
  const origin = isFromFolder ? `the folder name ${JSON.stringify(name)}` : JSON.stringify(name);
  throw new DawgError('USAGE', `${origin} is not a valid generator name`, {
    hint: 'use lowercase letters, digits and "-" (at most 63), e.g. --name http-service',
  });
}

async function checkEmpty(directory: string): Promise<void> {
  const entries = await readdir(directory).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return [];
    }
    throw new DawgError('USAGE', `cannot use ${directory}: ${(error as Error).message}`, {
      cause: error,
    });
  });
  if (entries.length > 0) {
    throw new DawgError('USAGE', `${directory} is not empty`, {
      hint: 'choose a new folder: init never overwrites files',
    });
  }
}

async function writeScaffoldFile(directory: string, file: ScaffoldFile): Promise<void> {
  const target = path.join(directory, ...file.path.split('/'));
  await mkdir(path.dirname(target), { recursive: true });
  // 'wx' fails rather than overwrite a file that appeared since the emptiness check.
  await writeFile(target, file.content, { flag: 'wx' });
  if (file.isExecutable === true) {
    await chmod(target, 0o755);
  }
}
