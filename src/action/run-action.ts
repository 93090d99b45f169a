import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import * as core from '@actions/core';

import { formatError, toDawgError } from '../errors.js';
import type { Logger } from '../log.js';
import { createActionLogger } from './action-logger.js';
import { toAnnotations } from './annotations.js';
import type { CommandOptions, CommandRun } from './command-run.js';
import { fitText } from './fit-text.js';
import { createActionRegistry } from './generator-registry.js';
import { createGitHubClient } from './github-client.js';
import { readActionInputs, type ActionInputs } from './inputs.js';
import { findPullRequest } from './pull-request.js';
import { runApply, runDiff } from './run-plan.js';
import { runRender } from './run-render.js';
import { upsertStickyComment } from './sticky-comment.js';

/** What the step ended with; the entry turns `failed` into a failed step. */
export type ActionOutcome =
  | { readonly status: 'succeeded' }
  | { readonly status: 'failed'; readonly reason: string };

/** GitHub refuses a step summary over 1 MiB; this leaves room for the note. */
const maxSummaryCharacters = 1_000_000;
const reportFileName = 'dawg-report.md';
const planFileName = 'dawg-plan.json';

/**
 * Runs the Action once, the way the runner starts it: reads the inputs, runs the command
 * through the pipeline, then publishes outputs, the job summary, one annotation per failed
 * item and, on pull requests, the sticky comment. Both tokens are masked before anything else.
 *
 * @throws DawgError `USAGE` for an input the Action cannot accept, before anything runs.
 */
export async function runAction(): Promise<ActionOutcome> {
  // @actions/core reads inputs and writes outputs and the summary through process.env too.
  const env = process.env;
  maskSecrets();
  const workspace = env['GITHUB_WORKSPACE'] ?? process.cwd();
  const inputs = readActionInputs((name) => core.getInput(name), {
    workspace,
    runnerTemp: env['RUNNER_TEMP'],
  });
  const logger = createActionLogger();
  const registry = createActionRegistry(inputs, logger);

  const run = await runCommand(inputs, { logger, registry });
  annotate(run, { workspace, cwd: inputs.workingDirectory });
  await publishReports(run, inputs);
  await writeSummary(run, env);
  await commentOnPullRequest(run, { inputs, env, logger });

  return decideOutcome(run, inputs);
}

function maskSecrets(): void {
  for (const name of ['grafana-token', 'github-token']) {
    const value = core.getInput(name);
    if (value !== '') {
      core.setSecret(value);
    }
  }
}

async function runCommand(
  inputs: ActionInputs,
  options: CommandOptions,
): Promise<CommandRun> {
  switch (inputs.command) {
    case 'render':
      return runRender(inputs, options);
    case 'diff':
      return runDiff(inputs, options);
    case 'apply':
      return runApply(inputs, options);
  }
}

function annotate(run: CommandRun, options: { readonly workspace: string; readonly cwd: string }) {
  for (const annotation of toAnnotations(run.failures, options)) {
    core.error(annotation.message, {
      title: annotation.title,
      file: annotation.file,
      startLine: annotation.startLine,
      startColumn: annotation.startColumn,
    });
  }
}

async function publishReports(run: CommandRun, inputs: ActionInputs): Promise<void> {
  await mkdir(inputs.reportDir, { recursive: true });
  const reportPath = path.join(inputs.reportDir, reportFileName);
  await writeFile(reportPath, run.markdown);
  const planPath = run.planJson === undefined ? '' : path.join(inputs.reportDir, planFileName);
  if (run.planJson !== undefined) {
    await writeFile(planPath, run.planJson);
  }

  for (const [name, count] of Object.entries(run.counts)) {
    core.setOutput(name, count);
  }
  core.setOutput('report-path', reportPath);
  core.setOutput('plan-path', planPath);
}

async function writeSummary(run: CommandRun, env: NodeJS.ProcessEnv): Promise<void> {
  if (env['GITHUB_STEP_SUMMARY'] === undefined) {
    return;
  }
  const markdown = fitText(run.markdown, {
    maxCharacters: maxSummaryCharacters,
    note: `\n\n*The report was cut to fit in the job summary; ${reportFileName} has all of it.*\n`,
  });
  await core.summary.addRaw(markdown).write();
}

interface CommentContext {
  readonly inputs: ActionInputs;
  readonly env: NodeJS.ProcessEnv;
  readonly logger: Logger;
}

/** A comment that cannot be posted is a warning: the plan itself is still right. */
async function commentOnPullRequest(run: CommandRun, context: CommentContext): Promise<void> {
  const { inputs, env, logger } = context;
  if (!inputs.comment || inputs.githubToken === undefined) {
    return;
  }

  try {
    const pullRequest = await findPullRequest({
      eventName: env['GITHUB_EVENT_NAME'],
      eventPath: env['GITHUB_EVENT_PATH'],
      repository: env['GITHUB_REPOSITORY'],
    });
    if (pullRequest === undefined) {
      return;
    }
    const client = createGitHubClient({
      apiUrl: env['GITHUB_API_URL'] ?? 'https://api.github.com',
      token: inputs.githubToken,
    });
    const outcome = await upsertStickyComment({
      client,
      repository: pullRequest.repository,
      issueNumber: pullRequest.number,
      body: run.markdown,
    });
    logger.info(`${outcome.status} the report comment on pull request #${pullRequest.number}`, {
      url: outcome.url,
    });
  } catch (error) {
    const reason = formatError(toDawgError(error, 'GITHUB_API'));
    logger.warn(`could not comment on the pull request: ${reason}`);
  }
}

function decideOutcome(run: CommandRun, inputs: ActionInputs): ActionOutcome {
  if (run.counts.failed > 0) {
    return { status: 'failed', reason: `${run.counts.failed} failed; see the annotations` };
  }
  if (inputs.failOnChanges && run.hasPendingChanges) {
    return { status: 'failed', reason: 'Grafana differs from the rendered dashboards' };
  }
  return { status: 'succeeded' };
}
