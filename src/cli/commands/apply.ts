import { Command } from 'commander';

import { listFailures } from '../../grafana/plan-summary.js';
import { applyProject, type ApplyProjectResult } from '../../pipeline.js';
import { createRunReport } from '../../report/run-report.js';
import { exitCodes, type ExitCode } from '../exit-codes.js';
import {
  addGrafanaCommandOptions,
  createCommandLogger,
  planOptions,
  writeReports,
  type GrafanaCommandFlags,
} from './diff.js';

interface ApplyFlags extends GrafanaCommandFlags {
  readonly dryRun?: boolean;
  readonly message?: string;
}

/**
 * `dawg apply [paths...]`: renders, plans and writes the plan's creates, updates and deletes
 * (folders first), then prints what happened. Exit 1 when anything failed, was in conflict or
 * drifted under `--drift fail`, else 0. `--dry-run` stops after the plan and cannot write.
 */
export function applyCommand(): Command {
  const command = new Command('apply')
    .description('render the manifests and write the changes to Grafana')
    .argument('[paths...]', 'manifest files, folders or globs (default: every .yaml/.yml file)')
    .option('--dry-run', 'plan and report, but write nothing')
    .option('-m, --message <text>', 'note added to every version message');
  addGrafanaCommandOptions(command);

  return command.action(async (paths: string[], flags: ApplyFlags) => {
    const logger = createCommandLogger(flags);
    const result = await applyProject({
      ...planOptions(paths, flags, logger),
      dryRun: flags.dryRun,
      message: flags.message,
    });
    const report = createRunReport(result, { mode: flags.dryRun === true ? 'dry-run' : 'apply' });

    await writeReports(report, flags);
    process.exitCode = applyExitCode(result);
  });
}

function applyExitCode(result: ApplyProjectResult): ExitCode {
  const failures = listFailures(result.plan, result.apply);
  const failed = result.render.failures.length > 0 || failures.length > 0;
  return failed ? exitCodes.failure : exitCodes.success;
}
