import path from 'node:path';

import { Command } from 'commander';

import { formatError } from '../../errors.js';
import { shortDigest } from '../../generator/digest.js';
import {
  lockGenerators,
  type LockOutcome,
  type LockResult,
} from '../../generator/oci/lock-generators.js';
import { parseGeneratorReference } from '../../generator/reference.js';
import type { OciReference } from '../../generator/reference.js';
import { findManifestFiles } from '../../manifest/find-manifests.js';
import { readManifests } from '../../manifest/read-manifests.js';
import type { Logger } from '../../log.js';
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
    const found = await findOciReferences({ cwd, paths, exclude: flags.exclude, logger });

    const result = await lockGenerators({
      ...options,
      references: found.references,
      lockFile,
      write: flags.check !== true,
    });

    for (const outcome of result.outcomes) {
      report(outcome, logger);
    }
    for (const key of result.removed) {
      logger.info(`removed oci://${key}: no manifest uses it`);
    }
    const failed = result.outcomes.some((outcome) => outcome.status === 'failed') ||
      found.failures > 0;
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
        failedManifests: found.failures,
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

async function findOciReferences(options: {
  readonly cwd: string;
  readonly paths: readonly string[];
  readonly exclude: readonly string[] | undefined;
  readonly logger: Logger;
}): Promise<{ references: OciReference[]; failures: number }> {
  const found = await findManifestFiles({
    cwd: options.cwd,
    patterns: options.paths,
    exclude: options.exclude,
  });
  const outcomes = await readManifests(found.files, {
    cwd: options.cwd,
    reportForeignSyntaxErrors: !found.isWholeProject,
  });

  const references: OciReference[] = [];
  let failures = 0;
  for (const outcome of outcomes) {
    if (outcome.status === 'failed') {
      options.logger.error(formatError(outcome.error));
      failures += 1;
      continue;
    }
    const manifest = outcome.manifest;
    const baseDir = path.dirname(path.resolve(options.cwd, manifest.source.file));
    try {
      const reference = parseGeneratorReference(manifest.generator, { baseDir });
      if (reference.scheme === 'oci') {
        references.push(reference.oci);
      }
    } catch (error) {
      options.logger.error(`${manifest.source.file}: ${(error as Error).message}`);
      failures += 1;
    }
  }
  return { references, failures };
}
