import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { Command, Option } from 'commander';

import { createMaskingLogger, type MaskingLogger } from '../../log.js';
import { driftPolicies, type DriftPolicy } from '../../grafana/plan.js';
import { hasPendingChanges, listFailures } from '../../grafana/plan-summary.js';
import { createOciResolver } from '../../generator/oci/resolver.js';
import { planProject, type PlanProjectOptions, type PlanProjectResult } from '../../pipeline.js';
import { reportJson } from '../../report/json-report.js';
import { reportMarkdown } from '../../report/markdown-report.js';
import { createRunReport, type RunReport } from '../../report/run-report.js';
import { reportText } from '../../report/text-report.js';
import { exitCodes, type ExitCode } from '../exit-codes.js';
import { createStderrLogger, isColorStream } from '../logger.js';
import { parsePositiveInteger } from '../parse-number.js';
import {
  addLockOptions,
  addRegistryOptions,
  registryOptionsFromFlags,
  type LockFlags,
  type RegistryFlags,
} from '../registry-flags.js';

/** Flags shared by `dawg diff` and `dawg apply`. */
export interface GrafanaCommandFlags extends RegistryFlags, LockFlags {
  readonly exclude?: string[];
  readonly timeoutMs?: number;
  readonly workers?: number;
  readonly grafanaUrl?: string;
  readonly grafanaToken?: string;
  readonly grafanaUser?: string;
  readonly grafanaPassword?: string;
  readonly orgId?: number;
  readonly caFile?: string;
  readonly insecure?: boolean;
  readonly grafanaTimeoutMs?: number;
  readonly concurrency?: number;
  readonly source?: string;
  readonly drift: DriftPolicy;
  readonly prune?: boolean;
  readonly adopt?: string[];
  readonly adoptAll?: boolean;
  readonly minRefreshInterval?: string;
  readonly format: ReportFormat;
  /** Shorthand for `--format json`, as `render --json`. */
  readonly json?: boolean;
  readonly outputDir?: string;
  readonly reportJson?: string;
  readonly reportMarkdown?: string;
  readonly verbose?: boolean;
  readonly quiet?: boolean;
}

type ReportFormat = 'text' | 'markdown' | 'json';

interface DiffFlags extends GrafanaCommandFlags {
  readonly exitCode?: boolean;
}

/**
 * `dawg diff [paths...]`: renders, compares with Grafana and prints the plan. Never writes to
 * Grafana. Exit 1 when something failed or conflicts, 2 with `--exit-code` when changes are
 * pending, else 0.
 */
export function diffCommand(): Command {
  const command = new Command('diff')
    .description('render the manifests and show what apply would change in Grafana')
    .argument('[paths...]', 'manifest files, folders or globs (default: every .yaml/.yml file)')
    .option('--exit-code', 'exit with 2 when changes are pending (1 still means failure)');
  addGrafanaCommandOptions(command);

  return command.action(async (paths: string[], flags: DiffFlags) => {
    const logger = createCommandLogger(flags);
    const result = await planProject(planOptions(paths, flags, logger));
    const report = createRunReport(result, { mode: 'diff' });

    await writeReports(report, flags);
    process.exitCode = diffExitCode(result, flags.exitCode === true);
  });
}

/** Adds the render, Grafana, plan and report flags that diff and apply share. */
export function addGrafanaCommandOptions(command: Command): Command {
  addLockOptions(addRegistryOptions(command), { frozen: true });
  return command
    .option('--exclude <glob...>', 'leave matching files out of the search')
    .option('--timeout-ms <ms>', 'deadline for one generator run (default 5000)',
      parsePositiveInteger)
    .option('--workers <n>', 'sandbox threads (default: number of CPUs)', parsePositiveInteger)
    .option('--grafana-url <url>', 'Grafana URL (default: GRAFANA_URL)')
    .option('--grafana-token <token>', 'service-account token (default: GRAFANA_TOKEN)')
    .option('--grafana-user <user>', 'basic-auth user (default: GRAFANA_USER)')
    .option('--grafana-password <password>', 'basic-auth password (default: GRAFANA_PASSWORD)')
    .option('--org-id <id>', 'organisation id sent as X-Grafana-Org-Id', parsePositiveInteger)
    .option('--ca-file <file>', 'PEM certificates to trust for Grafana\'s TLS')
    .option('--insecure', 'skip TLS certificate checks')
    .option('--grafana-timeout-ms <ms>', 'deadline for one Grafana request (default 30000)',
      parsePositiveInteger)
    .option('--concurrency <n>', 'Grafana requests in flight at once (default 8)',
      parsePositiveInteger)
    .option('--source <id>', 'project identity in ownership markers (default: git remote)')
    .addOption(new Option('--drift <policy>', 'dashboards edited in Grafana since the last apply')
      .choices(driftPolicies).default('fail'))
    .option('--prune', 'delete owned dashboards that no manifest renders')
    .option('--adopt <uid...>', 'take over these dashboards although DAWG did not make them')
    .option('--adopt-all', 'take over every same-uid dashboard made by hand')
    .option('--min-refresh-interval <interval>', 'the server\'s min_refresh_interval (default 5s)')
    .addOption(new Option('--format <format>', 'report printed on stdout')
      .choices(['text', 'markdown', 'json']).default('text'))
    .addOption(new Option('--json', 'same as --format json').conflicts('format'))
    .option('--output-dir <dir>', 'also write dawg-report.json and dawg-report.md there')
    .option('--report-json <file>', 'also write the JSON report to this file')
    .option('--report-markdown <file>', 'also write the Markdown report to this file')
    .addOption(new Option('-v, --verbose', 'log each request and dashboard').conflicts('quiet'))
    .option('-q, --quiet', 'log only failures');
}

/** The stderr logger, masking the token and password once they are read. */
export function createCommandLogger(flags: GrafanaCommandFlags): MaskingLogger {
  const level = flags.verbose === true ? 'debug' : flags.quiet === true ? 'warn' : 'info';
  return createMaskingLogger(createStderrLogger({ level }));
}

/** Turns the flags into pipeline options; diff and apply add their own. */
export function planOptions(
  paths: readonly string[],
  flags: GrafanaCommandFlags,
  logger: MaskingLogger,
): PlanProjectOptions {
  return {
    patterns: paths,
    exclude: flags.exclude,
    timeoutMs: flags.timeoutMs,
    workers: flags.workers,
    write: false,
    registry: createOciResolver(registryOptionsFromFlags(flags, { logger })),
    grafana: {
      url: flags.grafanaUrl,
      token: flags.grafanaToken,
      user: flags.grafanaUser,
      password: flags.grafanaPassword,
      orgId: flags.orgId,
      caFile: flags.caFile,
      insecure: flags.insecure,
      timeoutMs: flags.grafanaTimeoutMs,
    },
    grafanaConcurrency: flags.concurrency,
    source: flags.source,
    driftPolicy: flags.drift,
    prune: flags.prune,
    adopt: flags.adopt,
    adoptAll: flags.adoptAll,
    minRefreshInterval: flags.minRefreshInterval,
    logger,
    onSecret: (secret) => logger.addSecret(secret),
  };
}

/** Prints the report in `--format` on stdout and writes the files the flags ask for. */
export async function writeReports(report: RunReport, flags: GrafanaCommandFlags): Promise<void> {
  const files: [string, string][] = [];
  if (flags.outputDir !== undefined) {
    files.push([path.join(flags.outputDir, 'dawg-report.json'), renderReport(report, 'json')]);
    files.push([path.join(flags.outputDir, 'dawg-report.md'), renderReport(report, 'markdown')]);
  }
  if (flags.reportJson !== undefined) {
    files.push([flags.reportJson, renderReport(report, 'json')]);
  }
  if (flags.reportMarkdown !== undefined) {
    files.push([flags.reportMarkdown, renderReport(report, 'markdown')]);
  }

  for (const [file, content] of files) {
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
    await writeFile(file, content);
  }
  const format = flags.json === true ? 'json' : flags.format;
  process.stdout.write(renderReport(report, format, isColorStream(process.stdout)));
}

function renderReport(report: RunReport, format: ReportFormat, color = false): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(reportJson(report), null, 2)}\n`;
    case 'markdown':
      return reportMarkdown(report);
    case 'text':
      return reportText(report, { color });
  }
}

function diffExitCode(result: PlanProjectResult, exitCodeFlag: boolean): ExitCode {
  const blocking = listFailures(result.plan).filter((failure) =>
    failure.error.code !== 'GRAFANA_DRIFT');
  if (result.render.failures.length > 0 || blocking.length > 0) {
    return exitCodes.failure;
  }
  const pending = exitCodeFlag && hasPendingChanges(result.plan);
  return pending ? exitCodes.changesPending : exitCodes.success;
}
