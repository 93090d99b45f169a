import type { DawgError } from '../errors.js';
import type { ItemOutcome } from '../grafana/apply.js';
import { countPlan, hasPendingChanges, type PlanCounts } from '../grafana/plan-summary.js';
import type { PlanItem } from '../grafana/plan.js';
import { formatJsonPath } from './json-path.js';
import { outcomesByItem, type RunReport } from './run-report.js';

/** Bumped when a field changes meaning or disappears; new fields do not bump it. */
export const jsonReportVersion = 1;

/** A DawgError in the JSON report. */
export interface JsonError {
  readonly code: string;
  readonly message: string;
  readonly hint: string | null;
}

/** One plan item in the JSON report. */
export interface JsonReportItem {
  readonly action: PlanItem['action'];
  readonly uid: string;
  readonly title: string;
  readonly dashboard: string | null;
  readonly file: string | null;
  /** Why an update: source, marker, adopt, overwrite-drift. */
  readonly cause: string | null;
  /** Why a conflict: unmanaged, other-project, provisioned. */
  readonly reason: string | null;
  readonly folder: { readonly from: string | null; readonly to: string | null };
  readonly changes: readonly { readonly path: string; readonly kind: string }[];
  /** For drift: whether the rendered dashboard changed too (null: unknown). */
  readonly sourceChanged: boolean | null;
  readonly error: JsonError | null;
  /** After an apply: what happened to this item. */
  readonly outcome: {
    readonly status: ItemOutcome['status'];
    readonly version: number | null;
    readonly error: JsonError | null;
  } | null;
}

/** The JSON report: the plan, and the apply outcome when there is one. */
export interface JsonReport {
  readonly version: typeof jsonReportVersion;
  readonly mode: RunReport['mode'];
  readonly grafana: string;
  readonly source: string;
  readonly driftPolicy: string;
  readonly prune: boolean;
  readonly pendingChanges: boolean;
  readonly counts: PlanCounts;
  readonly folders: readonly {
    readonly uid: string;
    readonly title: string;
    readonly path: string;
    readonly parentUid: string | null;
    readonly status: string | null;
    readonly error: JsonError | null;
  }[];
  readonly dashboards: readonly JsonReportItem[];
  readonly renderFailures: readonly {
    readonly file: string;
    readonly dashboard: string | null;
    readonly error: JsonError;
  }[];
  readonly orphanError: JsonError | null;
  readonly applyDurationMs: number | null;
}

/** The machine-readable plan (and apply outcome): stable field names, `null` for absent. */
export function reportJson(report: RunReport): JsonReport {
  const outcomes = outcomesByItem(report);
  const folderOutcomes = new Map((report.apply?.folders ?? []).map((outcome) =>
    [outcome.folder.uid, outcome]));

  return {
    version: jsonReportVersion,
    mode: report.mode,
    grafana: report.grafanaUrl,
    source: report.plan.source,
    driftPolicy: report.plan.driftPolicy,
    prune: report.plan.prune,
    pendingChanges: hasPendingChanges(report.plan),
    counts: countPlan(report.plan),
    folders: report.plan.folders.map((folder) => {
      const outcome = folderOutcomes.get(folder.uid);
      return {
        uid: folder.uid,
        title: folder.title,
        path: folder.path,
        parentUid: folder.parentUid ?? null,
        status: outcome?.status ?? null,
        error: outcome?.status === 'failed' ? jsonError(outcome.error) : null,
      };
    }),
    dashboards: report.plan.items.map((item) => jsonItem(item, outcomes.get(item))),
    renderFailures: report.renderFailures.map((failure) => ({
      file: failure.file,
      dashboard: failure.dashboard ?? null,
      error: jsonError(failure.error),
    })),
    orphanError: report.plan.orphanError === undefined ? null : jsonError(report.plan.orphanError),
    applyDurationMs: report.apply === undefined ? null : Math.round(report.apply.durationMs),
  };
}

function jsonItem(item: PlanItem, outcome: ItemOutcome | undefined): JsonReportItem {
  const desired = 'desired' in item ? item.desired : undefined;
  const hasLive = 'live' in item;
  const changes = item.action === 'update' || item.action === 'drift' ? item.changes : [];

  return {
    action: item.action,
    uid: item.uid,
    title: item.title,
    dashboard: item.dashboard ?? null,
    file: item.file ?? null,
    cause: item.action === 'update' ? item.cause : null,
    reason: item.action === 'conflict' ? item.reason : null,
    folder: {
      from: hasLive ? item.live.folder.path : null,
      to: desired?.folder.path ?? null,
    },
    changes: changes.map((change) => ({ path: formatJsonPath(change.path), kind: change.kind })),
    sourceChanged: item.action === 'drift' ? item.sourceChanged ?? null : null,
    error: 'error' in item ? jsonError(item.error) : null,
    outcome: outcome === undefined ? null : {
      status: outcome.status,
      version: outcome.status === 'applied' ? outcome.version ?? null : null,
      error: outcome.status === 'failed' ? jsonError(outcome.error) : null,
    },
  };
}

function jsonError(error: DawgError): JsonError {
  return { code: error.code, message: error.message, hint: error.hint ?? null };
}
