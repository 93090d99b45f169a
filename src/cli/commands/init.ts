import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { Command, Option } from 'commander';

import { DawgError } from '../../errors.js';
import { createOciResolver } from '../../generator/oci/resolver.js';
import { scaffoldDashboard } from '../../scaffold/scaffold-dashboard.js';
import {
  generatorLanguages,
  scaffoldGenerator,
  type GeneratorLanguage,
} from '../../scaffold/scaffold-generator.js';
import { exitCodes } from '../exit-codes.js';
import {
  addRegistryOptions,
  createRegistryCommandLogger,
  registryOptionsFromFlags,
  type RegistryFlags,
} from '../registry-flags.js';

interface InitGeneratorFlags {
  readonly lang: GeneratorLanguage;
  readonly name?: string;
}

interface InitDashboardFlags extends RegistryFlags {
  readonly output?: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly force?: boolean;
}

/**
 * `dawg init generator <dir>` scaffolds a generator that builds and renders as it is;
 * `dawg init dashboard <generator>` writes a manifest from a generator's example config.
 */
export function initCommand(): Command {
  return new Command('init')
    .description('start a new generator, or a manifest for an existing generator')
    .addCommand(initGeneratorCommand().exitOverride())
    .addCommand(initDashboardCommand().exitOverride());
}

function initGeneratorCommand(): Command {
  return new Command('generator')
    .description('create a generator (source, build script, config schema, test, example ' +
      'manifest) in a new folder')
    .argument('<dir>', 'the folder to create; it must not exist or be empty')
    .addOption(new Option('--lang <language>', 'the language to write it in')
      .choices(generatorLanguages)
      .default('assemblyscript'))
    .option('--name <name>', 'the generator name (default: the folder name)')
    .action(async (directory: string, flags: InitGeneratorFlags) => {
      const result = await scaffoldGenerator({
        directory,
        language: flags.lang,
        name: flags.name,
      });

      const shown = path.relative(process.cwd(), result.directory) || '.';
      const steps = [
        `cd ${shown}`,
        result.commands.install,
        result.commands.build,
        result.commands.test,
        'dawg render dashboard.yaml',
      ].filter((step) => step !== undefined);
      process.stdout.write([
        `created ${result.name} in ${shown}:`,
        ...result.files.map((file) => `  ${file}`),
        'next:',
        ...steps.map((step) => `  ${step}`),
        '',
      ].join('\n'));
      process.exitCode = exitCodes.success;
    });
}

function initDashboardCommand(): Command {
  const command = new Command('dashboard')
    .description('write a Dashboard manifest for a generator, from the example config it carries')
    .argument('<generator>', 'oci://…, registry://…, file://… or a local .wasm file')
    .option('-o, --output <file>', 'the manifest to write, or - for stdout (default: <name>.yaml)')
    .option('--name <name>', 'metadata.name (default: the generator name)')
    .option('--namespace <namespace>', 'metadata.namespace (default: none)')
    .option('--force', 'overwrite the manifest file if it exists');

  return addRegistryOptions(command).action(async (generator: string,
    flags: InitDashboardFlags) => {
    const logger = createRegistryCommandLogger('info');
    const toStdout = flags.output === '-';

    const result = await scaffoldDashboard({
      generator,
      manifestFile: toStdout ? undefined : flags.output,
      name: flags.name,
      namespace: flags.namespace,
      registry: createOciResolver({
        ...registryOptionsFromFlags(flags, { logger }),
        lockFile: undefined,
      }),
    });
    if (toStdout) {
      process.stdout.write(result.manifest);
      process.exitCode = exitCodes.success;
      return;
    }

    await writeManifest(result.manifestFile, result.manifest, flags.force === true);
    if (result.metadata === undefined) {
      logger.warn(`${generator} carries no metadata: the manifest has an empty config`);
    }
    const file = result.manifestFile;
    logger.info(`wrote ${file}; render it with: dawg render ${file}`);
    process.exitCode = exitCodes.success;
  });
}

async function writeManifest(file: string, text: string, overwrite: boolean): Promise<void> {
  const target = path.resolve(process.cwd(), file);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, text, { flag: overwrite ? 'w' : 'wx' }).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      throw new DawgError('USAGE', `${file} already exists`, {
        hint: 'choose another file with --output, or replace it with --force',
      });
    }
    throw new DawgError('USAGE', `cannot write ${file}: ${code ?? String(error)}`, {
      cause: error,
    });
  });
}
