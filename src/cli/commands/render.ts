import { Command, Option } from 'commander';

import { createOciResolver } from '../../generator/oci/resolver.js';
import { renderProject } from '../../pipeline.js';
import { exitCodes } from '../exit-codes.js';
import { createProgress } from '../progress.js';
import { parsePositiveInteger } from '../parse-number.js';
import {
  addLockOptions,
  addRegistryOptions,
  createRegistryCommandLogger,
  registryOptionsFromFlags,
  type LockFlags,
  type RegistryFlags,
} from '../registry-flags.js';

interface RenderFlags extends RegistryFlags, LockFlags {
  readonly exclude?: string[];
  readonly outDir?: string;
  readonly timeoutMs?: number;
  readonly maxMemoryMb?: number;
  readonly maxOutputMb?: number;
  readonly workers?: number;
  readonly json?: boolean;
  readonly verbose?: boolean;
  readonly quiet?: boolean;
}

const mebibyte = 1024 * 1024;

export function renderCommand(): Command {
  const command = new Command('render')
    .description('render every Dashboard manifest (or the given files, folders, globs) into out/')
    .argument('[paths...]', 'manifest files, folders or globs (default: every .yaml/.yml file)')
    .option('--exclude <glob...>', 'leave matching files out of the search')
    .option('-o, --out-dir <dir>', 'where dashboards are written (default: out)')
    .option('--timeout-ms <ms>', 'deadline for one generator run (default 5000)',
      parsePositiveInteger)
    .option('--max-memory-mb <MiB>', 'memory cap per generator (default 256)', parsePositiveInteger)
    .option('--max-output-mb <MiB>', 'output cap per generator (default 16)', parsePositiveInteger)
    .option('--workers <n>', 'sandbox threads (default: number of CPUs)', parsePositiveInteger)
    .option('--json', 'print the result as JSON on stdout')
    .addOption(new Option('-v, --verbose', 'log each dashboard and generator details')
      .conflicts('quiet'))
    .option('-q, --quiet', 'log only failures');
  addLockOptions(addRegistryOptions(command), { frozen: true });

  return command.action(async (paths: string[], flags: RenderFlags) => {
    const logger = createRegistryCommandLogger(
      flags.verbose === true ? 'debug' : flags.quiet === true ? 'warn' : 'info',
    );
    const progress = createProgress('rendering');

    const result = await renderProject({
      patterns: paths,
      exclude: flags.exclude,
      outDir: flags.outDir,
      timeoutMs: flags.timeoutMs,
      maxMemoryBytes: flags.maxMemoryMb === undefined ? undefined : flags.maxMemoryMb * mebibyte,
      maxOutputBytes: flags.maxOutputMb === undefined ? undefined : flags.maxOutputMb * mebibyte,
      workers: flags.workers,
      registry: createOciResolver(registryOptionsFromFlags(flags, { logger })),
      logger,
      onProgress: (state) => progress.update(state),
    });
    progress.clear();

    if (flags.json === true) {
      process.stdout.write(`${JSON.stringify(renderResultJson(result), null, 2)}\n`);
    }
    process.exitCode = result.failures.length === 0 ? exitCodes.success : exitCodes.failure;
  });
}

function renderResultJson(result: Awaited<ReturnType<typeof renderProject>>): object {
  return {
    rendered: result.dashboards.map((dashboard) => ({
      dashboard: `${dashboard.manifest.namespace ?? 'default'}/${dashboard.manifest.name}`,
      uid: dashboard.uid,
      title: dashboard.title,
      file: dashboard.manifest.source.file,
      output: dashboard.outputPath,
      generatorDigest: dashboard.generatorDigest,
    })),
    failed: result.failures.map((failure) => ({
      dashboard: failure.dashboard ?? null,
      code: failure.error.code,
      message: failure.error.message,
      hint: failure.error.hint ?? null,
      location: failure.error.location ?? null,
    })),
    written: result.writtenFiles,
    removed: result.removedFiles,
    durationMs: Math.round(result.durationMs),
  };
}
