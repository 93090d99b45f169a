import { countPlan, hasPendingChanges, listFailures } from '../grafana/plan-summary.js';
import {
  applyProject,
  planProject,
  type ApplyProjectResult,
  type PlanProjectOptions,
} from '../pipeline.js';
import { reportJson } from '../report/json-report.js';
import { reportMarkdown } from '../report/markdown-report.js';
import { createRunReport, type RunReport } from '../report/run-report.js';
import type { AnnotatedFailure } from './annotations.js';
import type { CommandOptions, CommandRun } from './command-run.js';
import type { ActionInputs } from './inputs.js';

/** `command: diff`: renders and plans against Grafana; Grafana is only read. */
export async function runDiff(
  inputs: ActionInputs,
  options: CommandOptions,
): Promise<CommandRun> {
  const result = await planProject(planOptions(inputs, options));
  // As `dawg diff`: drift is a pending change here, and a failure only when applying.
  const failures = [...result.render.failures, ...listFailures(result.plan)]
    .filter((failure) => failure.error.code !== 'GRAFANA_DRIFT');

  return toCommandRun({ ...result, apply: undefined }, { mode: 'diff', failures });
}

/** `command: apply`: renders, plans and applies the plan to Grafana. */
export async function runApply(
  inputs: ActionInputs,
  options: CommandOptions,
): Promise<CommandRun> {
  const result = await applyProject(planOptions(inputs, options));
  const failures = [...result.render.failures, ...listFailures(result.plan, result.apply)];

  return toCommandRun(result, { mode: 'apply', failures });
}

function planOptions(inputs: ActionInputs, options: CommandOptions): PlanProjectOptions {
  return {
    cwd: inputs.workingDirectory,
    patterns: inputs.patterns,
    outDir: inputs.outDir,
    // As the CLI's diff and apply: out/ is what `render` writes; these compare and apply.
    write: false,
    workers: inputs.concurrency,
    registry: options.registry,
    grafanaConcurrency: inputs.concurrency,
    grafana: { url: inputs.grafanaUrl, token: inputs.grafanaToken },
    driftPolicy: inputs.driftPolicy,
    prune: inputs.prune,
    logger: options.logger,
    signal: options.signal,
    // Also masks a token that came from GRAFANA_TOKEN or GRAFANA_PASSWORD, not an input.
    onSecret: (secret) => options.logger.addSecret(secret),
  };
}

function toCommandRun(
  result: ApplyProjectResult,
  options: { readonly mode: RunReport['mode']; readonly failures: readonly AnnotatedFailure[] },
): CommandRun {
  const report = createRunReport(result, { mode: options.mode });
  const counts = countPlan(result.plan);

  return {
    markdown: reportMarkdown(report),
    planJson: `${JSON.stringify(reportJson(report), null, 2)}\n`,
    counts: {
      create: counts.create,
      update: counts.update,
      delete: counts.delete,
      unchanged: counts.unchanged,
      failed: options.failures.length,
    },
    failures: options.failures,
    hasPendingChanges: hasPendingChanges(result.plan),
  };
}
