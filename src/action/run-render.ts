import { renderProject } from '../pipeline.js';
import type { CommandOptions, CommandRun } from './command-run.js';
import type { ActionInputs } from './inputs.js';
import { renderReportMarkdown } from './render-report.js';

/** `command: render`: renders into `out-dir`; nothing is planned, so only `failed` counts. */
export async function runRender(
  inputs: ActionInputs,
  options: CommandOptions,
): Promise<CommandRun> {
  const result = await renderProject({
    cwd: inputs.workingDirectory,
    patterns: inputs.patterns,
    outDir: inputs.outDir,
    workers: inputs.concurrency,
    registry: options.registry,
    logger: options.logger,
    signal: options.signal,
  });

  return {
    markdown: renderReportMarkdown(result),
    planJson: undefined,
    counts: { create: 0, update: 0, delete: 0, unchanged: 0, failed: result.failures.length },
    failures: result.failures,
    hasPendingChanges: false,
  };
}
