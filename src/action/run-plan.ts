import * as core from '@actions/core';

import { countPlan, hasPendingChanges, listFailures } from '../grafana/plan-summary.js';
import type { Logger } from '../log.js';
import {
  applyProject,
  planProject,
  type ApplyProjectResult,
  type PlanProjectOptions,
} from '../pipeline.js';
import { reportJson } from '../report/json-report.js';
import { reportMarkdown } from '../report/markdown-report.js';
import type { RunReport } from '../report/run-report.js';
import type { AnnotatedFailure } from './annotations.js';
import type { CommandRun } from './command-run.js';
import type { ActionInputs } from './inputs.js';

interface RunOptions {
  readonly logger: Logger;
  readonly signal?: AbortSignal;
}

/** `command: diff`: renders and plans against Grafana; Grafana is only read. */
export async function runDiff(inputs: ActionInputs, options: RunOptions): Promise<CommandRun> {
  const result = await planProject(planOptions(inputs, options));

  return toCommandRun({ ...result, apply: undefined }, 'diff');
}

/** `command: apply`: renders, plans and applies the plan to Grafana. */
export async function runApply(inputs: ActionInputs, options: RunOptions): Promise<CommandRun> {
  const result = await applyProject(planOptions(inputs, options));

  return toCommandRun(result, 'apply');
}

function planOptions(inputs: ActionInputs, options: RunOptions): PlanProjectOptions {
  return {
    cwd: inputs.workingDirectory,
    patterns: inputs.patterns,
    outDir: inputs.outDir,
    workers: inputs.concurrency,
    grafanaConcurrency: inputs.concurrency,
    grafana: { url: inputs.grafanaUrl, token: inputs.grafanaToken },
    driftPolicy: inputs.driftPolicy,
    prune: inputs.prune,
    logger: options.logger,
    signal: options.signal,
    // Also masks a token that came from GRAFANA_TOKEN or GRAFANA_PASSWORD, not an input.
    onSecret: (secret) => core.setSecret(secret),
  };
}

function toCommandRun(result: ApplyProjectResult, mode: RunReport['mode']): CommandRun {
  const report: RunReport = {
    mode,
    grafanaUrl: result.grafanaUrl,
    plan: result.plan,
    apply: result.apply,
    renderFailures: result.render.failures.map((failure) => ({
      file: failure.source.file,
      dashboard: failure.dashboard,
      error: failure.error,
    })),
  };
  const counts = countPlan(result.plan);
  const failures: AnnotatedFailure[] = [
    ...result.render.failures,
    ...listFailures(result.plan, result.apply),
  ];

  return {
    markdown: reportMarkdown(report),
    planJson: `${JSON.stringify(reportJson(report), null, 2)}\n`,
    counts: {
      create: counts.create,
      update: counts.update,
      delete: counts.delete,
      unchanged: counts.unchanged,
      failed: failures.length,
    },
    failures,
    hasPendingChanges: hasPendingChanges(result.plan),
  };
}
