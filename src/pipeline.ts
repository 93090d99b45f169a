/**
 * The one place where the stages meet: find manifests, resolve generators, render, then plan
 * and apply. The CLI, the GitHub Action and the Kubernetes controller call these functions and
 * only turn their own inputs into options and the results back into their own outputs.
 */
import path from 'node:path';

import { DawgError, formatError, toDawgError } from './errors.js';
import {
  lockGenerators,
  type LockGeneratorsOptions,
  type LockResult,
} from './generator/oci/lock-generators.js';
import { parseGeneratorReference, type OciReference } from './generator/reference.js';
import { createGeneratorResolver, type OciModuleSource } from './generator/resolve.js';
import { applyPlan, type ApplyResult } from './grafana/apply.js';
import type { GrafanaInfo } from './grafana/check-grafana.js';
import type { GrafanaClient } from './grafana/client.js';
import { connectGrafana, type GrafanaConnectionOptions } from './grafana/connection.js';
import { describeApply } from './grafana/plan-summary.js';
import { planAgainstGrafana } from './grafana/plan-against-grafana.js';
import type { DriftPolicy, Plan } from './grafana/plan.js';
import { detectProvenance } from './grafana/provenance.js';
import { silentLogger, type Logger } from './log.js';
import { findManifestFiles } from './manifest/find-manifests.js';
import { readProjectConfig, type ProjectConfig } from './manifest/project-config.js';
import type { DashboardManifest, ManifestSource } from './manifest/manifest.js';
import { readManifests } from './manifest/read-manifests.js';
import { rejectDuplicateManifests } from './manifest/reject-duplicates.js';
import { formatDashboard } from './render/format-dashboard.js';
import { locate, renderDashboards } from './render/render-dashboards.js';
import type { RenderedDashboard } from './render/rendered-dashboard.js';
import { removeStaleOutput, writeOutputFiles } from './render/write-output.js';
import { createSandboxPool, type SandboxPoolOptions } from './runtime/sandbox-pool.js';

export interface RenderProjectOptions {
  /** Directory that paths are relative to. Default `process.cwd()`. */
  readonly cwd?: string;
  /** Manifest files, folders or globs. Default: every .yaml/.yml file under `cwd`. */
  readonly patterns?: readonly string[];
  /** Globs to leave out of the search. */
  readonly exclude?: readonly string[];
  /** Output directory, relative to `cwd`. Default `out`. */
  readonly outDir?: string;
  /** Write dashboards to `outDir` (and remove stale ones). Default true. */
  readonly write?: boolean;
  /** Per-render deadline in milliseconds. Default: the sandbox's (5000). */
  readonly timeoutMs?: number;
  /** Memory cap per generator instance, in bytes. Default: the sandbox's (256 MiB). */
  readonly maxMemoryBytes?: number;
  /** Cap on a generator's output, in bytes. Default: the sandbox's (16 MiB). */
  readonly maxOutputBytes?: number;
  /** Sandbox worker threads. Default: the number of CPUs. */
  readonly workers?: number;
  /** Where oci:// generators come from. Without it, oci:// references fail clearly. */
  readonly registry?: OciModuleSource;
  readonly logger?: Logger;
  readonly signal?: AbortSignal;
  /** Called after each dashboard, for progress displays. */
  readonly onProgress?: (progress: { readonly done: number; readonly total: number }) => void;
}

/** A manifest (or a document that should have been one) that did not render. */
export interface RenderFailure {
  readonly source: ManifestSource;
  /** `namespace/name` when the manifest got far enough to have one. */
  readonly dashboard: string | undefined;
  readonly error: DawgError;
}

export interface RenderResult {
  /** Rendered dashboards, in manifest order (file, then document). */
  readonly dashboards: readonly RenderedDashboard[];
  readonly failures: readonly RenderFailure[];
  /** Output files written because they were new or changed (relative to outDir). */
  readonly writtenFiles: readonly string[];
  /** Output files removed because no manifest produces them any more. */
  readonly removedFiles: readonly string[];
  readonly durationMs: number;
}

/** Finds every Dashboard manifest, renders each in the sandbox, and writes out/. */
export async function renderProject(options: RenderProjectOptions = {}): Promise<RenderResult> {
  const started = performance.now();
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const projectConfig = await readProjectConfig(cwd);
  const outDir = options.outDir ?? projectConfig.outDir ?? 'out';
  const logger = options.logger ?? silentLogger;

  const found = await findProjectManifests({ ...options, cwd, outDir, logger, projectConfig });
  const { manifests } = found;
  const failures: RenderFailure[] = [...found.failures];

  const rendered = await renderManifests(manifests, { ...options, cwd, logger });
  const dashboards = rendered.dashboards;
  failures.push(...rendered.failures);

  const written = options.write === false
    ? { writtenFiles: [], removedFiles: [] }
    : await writeOutput(path.resolve(cwd, outDir), dashboards, {
      prune: found.isWholeProject && found.failures.length === 0,
      keep: manifests,
    });

  const sorted = sortFailures(failures);
  for (const failure of sorted) {
    const fields = { dashboard: failure.dashboard, code: failure.error.code };
    logger.error(formatError(failure.error), fields);
    if (failure.error.detail !== undefined) {
      logger.debug(failure.error.detail, { dashboard: failure.dashboard });
    }
  }
  for (const file of written.removedFiles) {
    logger.info(`removed ${path.join(outDir, file)}: no manifest renders it any more`);
  }
  const durationMs = performance.now() - started;
  logger.info(summarise(dashboards.length, failures.length, durationMs));
  return { dashboards, failures: sorted, ...written, durationMs };
}

export interface FindProjectManifestsOptions {
  readonly cwd?: string;
  readonly patterns?: readonly string[];
  readonly exclude?: readonly string[];
  readonly outDir?: string;
  readonly logger?: Logger;
  /** The project's dawg.config.json, when the caller has read it already. */
  readonly projectConfig?: ProjectConfig;
}

export interface ProjectManifests {
  readonly manifests: readonly DashboardManifest[];
  /** Documents that should have been manifests and are not: one located error each. */
  readonly failures: readonly RenderFailure[];
  /** True when the whole project was searched (no paths given). */
  readonly isWholeProject: boolean;
}

/**
 * The first stage of every run: finds the manifest files, parses and validates each document,
 * and refuses duplicates. A broken document is a failure, never a throw.
 */
export async function findProjectManifests(
  options: FindProjectManifestsOptions = {},
): Promise<ProjectManifests> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const logger = options.logger ?? silentLogger;

  const config = options.projectConfig ?? await readProjectConfig(cwd);
  const found = await findManifestFiles({
    cwd,
    patterns: options.patterns,
    projectPatterns: config.manifests,
    exclude: [...config.exclude ?? [], ...options.exclude ?? []],
    outDir: options.outDir ?? config.outDir ?? 'out',
  });
  const outcomes = rejectDuplicateManifests(await readManifests(found.files, {
    cwd,
    reportForeignSyntaxErrors: !found.isWholeProject,
  }));

  const manifests = outcomes.flatMap((outcome) =>
    outcome.status === 'parsed' ? [outcome.manifest] : []);
  const unmatched = found.unmatchedPatterns.map((pattern) => ({
    source: { file: pattern, documentIndex: 0, line: 1, column: 1 },
    dashboard: undefined,
    error: new DawgError('USAGE', `no YAML file matches ${pattern}`, {
      hint: 'a path that matches nothing is a typo or a moved folder; nothing is pruned',
    }),
  }));
  const failures = [...unmatched, ...outcomes.flatMap((outcome) =>
    outcome.status === 'failed'
      ? [{ source: outcome.source, dashboard: undefined, error: outcome.error }]
      : [])];
  logger.debug(`found ${manifests.length} manifests in ${found.files.length} files`);
  return { manifests, failures, isWholeProject: found.isWholeProject };
}

export interface LockProjectOptions
  extends FindProjectManifestsOptions, Omit<LockGeneratorsOptions, 'references' | 'logger'> {}

export interface LockProjectResult extends LockResult {
  /** Manifests that could not be read, or whose generator reference is invalid. */
  readonly failures: readonly RenderFailure[];
}

/**
 * `dawg lock`: records the digest of every oci:// tag the project's manifests use, so that
 * later renders are reproducible.
 */
export async function lockProject(options: LockProjectOptions): Promise<LockProjectResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const found = await findProjectManifests({ ...options, cwd });

  const references: OciReference[] = [];
  const failures: RenderFailure[] = [...found.failures];
  for (const manifest of found.manifests) {
    try {
      const baseDir = path.dirname(path.resolve(cwd, manifest.source.file));
      const reference = parseGeneratorReference(manifest.generator, { baseDir });
      if (reference.scheme === 'oci') {
        references.push(reference.oci);
      }
    } catch (error) {
      const located = locate(toDawgError(error, 'GENERATOR_REFERENCE'), manifest, 'spec.generator');
      failures.push({ source: manifest.source, dashboard: key(manifest), error: located });
    }
  }

  const result = await lockGenerators({ ...options, references });
  return { ...result, failures };
}

async function renderManifests(
  manifests: readonly DashboardManifest[],
  options: RenderProjectOptions & { readonly cwd: string; readonly logger: Logger },
): Promise<{ dashboards: RenderedDashboard[]; failures: RenderFailure[] }> {
  if (manifests.length === 0) {
    return { dashboards: [], failures: [] };
  }
  const poolOptions: SandboxPoolOptions = {
    size: options.workers,
    timeoutMs: options.timeoutMs,
    maxMemoryBytes: options.maxMemoryBytes,
    maxOutputBytes: options.maxOutputBytes,
  };
  const pool = createSandboxPool(poolOptions);
  const resolver = createGeneratorResolver({ oci: options.registry, logger: options.logger });

  try {
    const outcomes = await renderDashboards(manifests, {
      cwd: options.cwd,
      resolver,
      pool,
      maxMemoryBytes: options.maxMemoryBytes,
      concurrency: Math.max(1, (options.workers ?? pool.size) * 4),
      logger: options.logger,
      signal: options.signal,
      onProgress: options.onProgress,
    });
    const dashboards: RenderedDashboard[] = [];
    const failures: RenderFailure[] = [];
    for (const outcome of outcomes) {
      if (outcome.status === 'rendered') {
        dashboards.push(outcome.dashboard);
        continue;
      }
      const { manifest, error } = outcome;
      failures.push({ source: manifest.source, dashboard: key(manifest), error });
    }
    return { dashboards, failures };
  } finally {
    await pool.close();
  }
}

async function writeOutput(
  outDir: string,
  dashboards: readonly RenderedDashboard[],
  options: { readonly prune: boolean; readonly keep: readonly DashboardManifest[] },
): Promise<{ writtenFiles: readonly string[]; removedFiles: readonly string[] }> {
  const files = dashboards.map((dashboard) => ({
    relativePath: dashboard.outputPath,
    content: formatDashboard(dashboard.dashboard),
  }));
  const { written } = await writeOutputFiles(outDir, files);
  if (!options.prune) {
    return { writtenFiles: written, removedFiles: [] };
  }

  const keep = new Set(options.keep.map((manifest) => `${key(manifest)}.json`));
  const removedFiles = await removeStaleOutput(outDir, keep);
  return { writtenFiles: written, removedFiles };
}

function key(manifest: DashboardManifest): string {
  return `${manifest.namespace ?? 'default'}/${manifest.name}`;
}

function sortFailures(failures: readonly RenderFailure[]): RenderFailure[] {
  return [...failures].sort((a, b) =>
    a.source.file.localeCompare(b.source.file) || a.source.documentIndex - b.source.documentIndex);
}

function summarise(rendered: number, failed: number, durationMs: number): string {
  const seconds = (durationMs / 1000).toFixed(1);
  const failedText = failed === 0 ? '' : `, ${failed} failed`;
  return `rendered ${rendered} dashboards in ${seconds} s${failedText}`;
}

export interface PlanProjectOptions extends RenderProjectOptions {
  /** How to reach Grafana; each field falls back to its GRAFANA_* environment variable. */
  readonly grafana?: GrafanaConnectionOptions;
  /** Grafana requests in flight at once. Default 8. */
  readonly grafanaConcurrency?: number;
  /** The project identity in ownership markers. Default: detected (see detectProvenance). */
  readonly source?: string;
  /** What to do with owned dashboards edited in Grafana. Default `fail`. */
  readonly driftPolicy?: DriftPolicy;
  /** Delete owned dashboards no manifest renders. Whole-project runs only. Default false. */
  readonly prune?: boolean;
  /** Uids to take over although this project does not own them. */
  readonly adopt?: readonly string[];
  /** Take over every same-uid dashboard made by hand. Default false. */
  readonly adoptAll?: boolean;
  /** The server's `min_refresh_interval`. Default `5s`. */
  readonly minRefreshInterval?: string;
  /** Called with each secret (token, password) as soon as it is read, to mask it in logs. */
  readonly onSecret?: (secret: string) => void;
}

export interface PlanProjectResult {
  readonly render: RenderResult;
  readonly plan: Plan;
  readonly grafanaUrl: string;
  readonly grafana: GrafanaInfo;
}

export interface ApplyProjectOptions extends PlanProjectOptions {
  /** Plan only; a read-only client guarantees that nothing is written. Default false. */
  readonly dryRun?: boolean;
  /** A note added to every version message. */
  readonly message?: string;
}

export interface ApplyProjectResult extends PlanProjectResult {
  /** Undefined for a dry run. */
  readonly apply: ApplyResult | undefined;
}

/** Renders the project and plans it against Grafana, writing nothing to Grafana. */
export async function planProject(options: PlanProjectOptions = {}): Promise<PlanProjectResult> {
  const planned = await renderAndPlan(options, { readOnly: true });
  await planned.client.close();
  return planned.result;
}

/**
 * Renders, plans and applies: folders first, then every create, update and delete of the
 * plan. With `dryRun`, stops after the plan and cannot write.
 */
export async function applyProject(
  options: ApplyProjectOptions = {},
): Promise<ApplyProjectResult> {
  const logger = options.logger ?? silentLogger;
  const { client, result, commit } = await renderAndPlan(options, {
    readOnly: options.dryRun === true,
  });

  try {
    if (options.dryRun === true) {
      return { ...result, apply: undefined };
    }
    const apply = await applyPlan(result.plan, client, {
      concurrency: options.grafanaConcurrency,
      message: options.message,
      commit,
      logger,
      signal: options.signal,
    });
    logger.info(describeApply(apply), { grafana: client.url });
    return { ...result, apply };
  } finally {
    await client.close();
  }
}

async function renderAndPlan(
  options: PlanProjectOptions,
  connect: { readonly readOnly: boolean },
): Promise<{ client: GrafanaClient; result: PlanProjectResult; commit: string | undefined }> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const logger = options.logger ?? silentLogger;
  const isWholeProject = (options.patterns ?? []).length === 0;
  if (options.prune === true && !isWholeProject) {
    throw new DawgError('USAGE', '--prune needs the whole project: paths were given', {
      hint: 'run without paths to prune, or drop --prune',
    });
  }
  const provenance = await detectProvenance({ cwd, source: options.source });
  const client = await connectGrafana(options.grafana ?? {}, {
    readOnly: connect.readOnly,
    logger,
    onSecret: options.onSecret,
  });

  try {
    const render = await renderProject({ ...options, cwd });
    const prune = options.prune === true && render.failures.length === 0;
    if (options.prune === true && !prune) {
      logger.warn('not pruning: some manifests failed to render, and their dashboards would look '
        + 'like ones no manifest renders');
    }
    const { plan, grafana } = await planAgainstGrafana(render.dashboards, client, {
      ...options,
      ...provenance,
      prune,
      listOrphans: isWholeProject,
      concurrency: options.grafanaConcurrency,
    });
    const result = { render, plan, grafanaUrl: client.url, grafana };
    return { client, result, commit: provenance.commit };
  } catch (error) {
    await client.close();
    throw error;
  }
}
