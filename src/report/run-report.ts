import type { DawgError } from '../errors.js';
import type { ApplyResult, ItemOutcome } from '../grafana/apply.js';
import type { Plan, PlanItem, UpdateCause } from '../grafana/plan.js';
import type { PlanProjectResult } from '../pipeline.js';

/** A manifest that did not render, as the reports show it. */
export interface RenderProblem {
  readonly file: string;
  /** `namespace/name`, when the manifest got far enough to have one. */
  readonly dashboard: string | undefined;
  readonly error: DawgError;
}

/** One diff or apply run: what every rendering (text, Markdown, JSON) is made from. */
export interface RunReport {
  /** `diff` and `dry-run` wrote nothing; `apply` has an apply result. */
  readonly mode: 'diff' | 'dry-run' | 'apply';
  readonly grafanaUrl: string;
  readonly plan: Plan;
  readonly apply?: ApplyResult;
  readonly renderFailures: readonly RenderProblem[];
}

/** The apply outcome of each plan item, when the run applied. */
export function outcomesByItem(report: RunReport): ReadonlyMap<PlanItem, ItemOutcome> {
  return new Map((report.apply?.outcomes ?? []).map((outcome) => [outcome.item, outcome]));
}

/** The label and symbol each action shows in the text and Markdown reports. */
export const actionLabels: Readonly<Record<PlanItem['action'], {
  readonly symbol: string;
  readonly label: string;
}>> = {
  create: { symbol: '+', label: 'create' },
  update: { symbol: '~', label: 'update' },
  unchanged: { symbol: '=', label: 'unchanged' },
  drift: { symbol: '!', label: 'drift' },
  conflict: { symbol: '✗', label: 'conflict' },
  delete: { symbol: '-', label: 'delete' },
  orphan: { symbol: '·', label: 'kept' },
  failed: { symbol: '✗', label: 'failed' },
};

/** How every diff in the reports reads. */
export const diffLegend = 'diffs show - what Grafana holds, + what DAWG renders';

/** True when the item is one that apply writes: create, update or delete. */
export function isWrite(item: PlanItem): boolean {
  return item.action === 'create' || item.action === 'update' || item.action === 'delete';
}

/** `1 folder`, `2 folders`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** A sentence about why an item is planned as it is, or undefined when the action says it all. */
export function explainItem(item: PlanItem): string | undefined {
  switch (item.action) {
    case 'update':
      return explainUpdate(item.cause);
    case 'drift':
      return item.desired === undefined
        ? explainPrunedDrift(item.policy)
        : explainDrift(item.sourceChanged, item.policy);
    case 'orphan':
      return 'no manifest renders it any more; kept (--prune deletes it)';
    case 'delete':
      return 'no manifest renders it any more';
    case 'conflict':
    case 'failed':
      return item.error.message;
    default:
      return undefined;
  }
}

function explainUpdate(cause: UpdateCause): string | undefined {
  switch (cause) {
    case 'adopt':
      return 'adopted: made outside DAWG, taken over as asked';
    case 'overwrite-drift':
      return 'changed in Grafana since DAWG applied it; overwritten as asked (--drift overwrite)';
    case 'marker':
      return 'content unchanged; only DAWG\'s ownership marker is refreshed';
    default:
      return undefined;
  }
}

function explainPrunedDrift(policy: 'fail' | 'skip'): string {
  const then = policy === 'skip'
    ? 'left as it is (--drift skip)'
    : 'not deleted; apply fails on it';
  return `no manifest renders it any more, but it was changed in Grafana since DAWG applied it; ${
    then}`;
}

function explainDrift(sourceChanged: boolean | undefined, policy: 'fail' | 'skip'): string {
  const what = sourceChanged === undefined
    ? 'saved in Grafana since DAWG applied it (the marker was removed, as a UI save does)'
    : `changed in Grafana since DAWG applied it${
      sourceChanged ? ', and the rendered dashboard changed too' : ''}`;
  const then = policy === 'skip' ? 'left as it is (--drift skip)' : 'apply fails on it';
  return `${what}; ${then}`;
}

/** The report of one diff, dry run or apply, from what the pipeline returned. */
export function createRunReport(
  result: PlanProjectResult & { readonly apply?: RunReport['apply'] },
  options: { readonly mode: RunReport['mode'] },
): RunReport {
  return {
    mode: options.mode,
    grafanaUrl: result.grafanaUrl,
    plan: result.plan,
    apply: result.apply,
    renderFailures: result.render.failures.map((failure) => ({
      file: failure.source.file,
      dashboard: failure.dashboard,
      error: failure.error,
    })),
  };
}
