import type { DawgError } from '../errors.js';
import type { ApplyResult } from './apply.js';
import type { Plan, PlanAction, PlanItem } from './plan.js';

/** How many plan items of each action, and how many folders to create. */
export type PlanCounts = Readonly<Record<PlanAction, number>> & { readonly folders: number };

/** Counts the plan items by action, and the folders to create. */
export function countPlan(plan: Plan): PlanCounts {
  const counts: Record<PlanAction, number> = {
    create: 0,
    update: 0,
    unchanged: 0,
    drift: 0,
    conflict: 0,
    delete: 0,
    orphan: 0,
    failed: 0,
  };
  for (const item of plan.items) {
    counts[item.action] += 1;
  }
  return { ...counts, folders: plan.folders.length };
}

/** `2 to create, 1 to update, 5 unchanged, 1 drifted, …`, leaving out other zero counts. */
export function describePlanCounts(counts: PlanCounts): string {
  const parts = [
    `${counts.create} to create`,
    `${counts.update} to update`,
    `${counts.unchanged} unchanged`,
  ];
  const optional: readonly (readonly [number, string])[] = [
    [counts.delete, 'to delete'],
    [counts.drift, 'drifted'],
    [counts.conflict, 'in conflict'],
    [counts.failed, 'failed'],
    [counts.orphan, 'without a manifest (kept)'],
    [counts.folders, counts.folders === 1 ? 'folder to create' : 'folders to create'],
  ];
  for (const [count, label] of optional) {
    if (count > 0) {
      parts.push(`${count} ${label}`);
    }
  }
  return parts.join(', ');
}

/**
 * True when Grafana differs from the project in a way the plan shows: something to create,
 * update or delete, a folder to create, or drift. What `diff --exit-code` turns into exit 2.
 */
export function hasPendingChanges(plan: Plan): boolean {
  const counts = countPlan(plan);
  return counts.create + counts.update + counts.delete + counts.drift + counts.folders > 0;
}

/** One item that blocks or failed, for summaries. */
export interface ItemFailure {
  readonly uid: string;
  readonly dashboard: string | undefined;
  readonly error: DawgError;
}

/**
 * The items an apply of `plan` cannot carry out: conflicts, failed reads, and drift under
 * `--drift fail`. Without an apply result this predicts; with one, write failures are added.
 */
export function listFailures(plan: Plan, result?: ApplyResult): ItemFailure[] {
  if (result === undefined) {
    return plan.items.flatMap((item) => {
      const error = blockingError(item);
      return error === undefined ? [] : [{ uid: item.uid, dashboard: item.dashboard, error }];
    });
  }

  const folderFailures = result.folders.flatMap((outcome) => {
    if (outcome.status !== 'failed') {
      return [];
    }
    const { folder, error } = outcome;
    return [{ uid: folder.uid, dashboard: `folder ${folder.path}`, error }];
  });
  const itemFailures = result.outcomes.flatMap((outcome) => outcome.status === 'failed'
    ? [{ uid: outcome.item.uid, dashboard: outcome.item.dashboard, error: outcome.error }]
    : []);
  return [...folderFailures, ...itemFailures];
}

function blockingError(item: PlanItem): DawgError | undefined {
  switch (item.action) {
    case 'conflict':
    case 'failed':
      return item.error;
    case 'drift':
      return item.policy === 'fail' ? item.error : undefined;
    default:
      return undefined;
  }
}

/** `applied 12 changes and 1 folder in 3.2 s, 2 failed`: the apply stage's log line. */
export function describeApply(result: ApplyResult): string {
  const applied = result.outcomes.filter((outcome) => outcome.status === 'applied').length;
  const folders = result.folders.filter((outcome) => outcome.status !== 'failed').length;
  const failed = result.outcomes.filter((outcome) => outcome.status === 'failed').length
    + result.folders.filter((outcome) => outcome.status === 'failed').length;
  const seconds = (result.durationMs / 1000).toFixed(1);
  const failedText = failed === 0 ? '' : `, ${failed} failed`;
  return `applied ${plural(applied, 'change')} and ${plural(folders, 'folder')} in ${seconds} s`
    + failedText;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
