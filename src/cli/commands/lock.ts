import path from 'node:path';

import { Command } from 'commander';

import { formatError } from '../../errors.js';
import { shortDigest } from '../../generator/digest.js';
import type { LockOutcome, LockResult } from '../../generator/oci/lock-generators.js';
import type { Logger } from '../../log.js';
import { lockProject } from '../../pipeline.js';
import { exitCodes } from '../exit-codes.js';
import {
  addLockOptions,
  addRegistryOptions,
  createRegistryCommandLogger,
  registryOptionsFromFlags,
  type LockFlags,
  type RegistryFlags,
} from '../registry-flags.js';

interface LockCommandFlags extends RegistryFlags, LockFlags {
  readonly exclude?: string[];
  readonly check?: boolean;
  readonly quiet?: boolean;
  readonly json?: boolean;
}

/** `dawg lock [paths...]`: create or refresh the generator lock file. */
export function lockCommand(): Command {
  const command = new Command('lock')
    .description('record the digest of every oci:// generator tag the manifests use in the ' +
      'lock file')
    .argument('[paths...]', 'manifest files, folders or globs (default: every .yaml/.yml file)')
    .option('--exclude <glob...>', 'leave matching files out of the search')
    .option('--check', 'change nothing; exit 1 when the lock file is missing or out of date')
    .option('-q, --quiet', 'log only failures')
    .option('--json', 'print each generator\'s outcome as JSON on stdout');

  addLockOptions(command, { frozen: false });
  return addRegistryOptions(command).action(async (paths: string[], flags: LockCommandFlags) => {
    const logger = createRegistryCommandLogger(flags.quiet === true ? 'warn' : 'info');
    const cwd = process.cwd();
    const options = registryOptionsFromFlags(flags, { logger, cwd });
    const lockFile = options.lockFile ?? path.resolve(cwd, 'dawg-lock.json');
    const result = await lockProject({
      ...options,
      cwd,
      patterns: paths,
      exclude: flags.exclude,
      lockFile,
      write: flags.check !== true,
    });
    for (const failure of result.failures) {
      logger.error(formatError(failure.error));
    }

    for (const outcome of result.outcomes) {
      report(outcome, logger);
    }
    for (const key of result.removed) {
      logger.info(`removed oci://${key}: no manifest uses it`);
    }
    const failed = result.outcomes.some((outcome) => outcome.status === 'failed') ||
      result.failures.length > 0;
    const stale = flags.check === true && result.changed;
    if (stale) {
      logger.error(`${path.relative(cwd, lockFile) || lockFile} is out of date; run dawg lock`);
    } else if (result.changed) {
      logger.info(`wrote ${path.relative(cwd, lockFile) || lockFile}`);
    }
    if (flags.json === true) {
      const json = lockResultJson(result, {
        lockFile: path.relative(cwd, lockFile),
        stale,
        failedManifests: result.failures.length,
      });
      process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    }
    process.exitCode = failed || stale ? exitCodes.failure : exitCodes.success;
  });
}

interface LockJsonOptions {
  readonly lockFile: string;
  readonly stale: boolean;
  /** Manifests that could not be read; their errors are on stderr. */
  readonly failedManifests: number;
}

/** What `dawg lock --json` prints: one entry per oci:// tag, `null` for absent fields. */
function lockResultJson(result: LockResult, options: LockJsonOptions): object {
  return {
    lockFile: options.lockFile,
    changed: result.changed,
    stale: options.stale,
    failedManifests: options.failedManifests,
    generators: result.outcomes.map((outcome) => ({
      reference: `oci://${outcome.key}`,
      status: outcome.status,
      digest: outcome.status === 'failed' ? null : outcome.digest,
      previousDigest: outcome.status === 'moved' ? outcome.previousDigest : null,
      error: outcome.status === 'failed'
        ? { code: outcome.error.code, message: outcome.error.message }
        : null,
    })),
    removed: result.removed.map((key) => `oci://${key}`),
  };
}

function report(outcome: LockOutcome, logger: Logger): void {
  const shown = `oci://${outcome.key}`;
  if (outcome.status === 'failed') {
    logger.error(formatError(outcome.error));
    return;
  }
  if (outcome.status === 'moved') {
    logger.info(`${shown}: ${shortDigest(outcome.previousDigest)} → ` +
      `${shortDigest(outcome.digest)}`);
    return;
  }
  logger.info(`${shown}: ${outcome.status} ${shortDigest(outcome.digest)}`);
}
