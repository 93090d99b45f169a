import pLimit from 'p-limit';

import { DawgError, toDawgError } from '../errors.js';
import { silentLogger, type Logger } from '../log.js';
import type { GrafanaClient } from './client.js';
import type { DesiredDashboard } from './desired-dashboard.js';
import type { PlannedFolder } from './folder-target.js';
import { readLiveDashboard, type LiveDashboard } from './live-dashboard.js';
import type { Plan, PlanItem } from './plan.js';
import { buildVersionMessage } from './version-message.js';

/** What happened to one planned folder. */
export type FolderOutcome =
  | { readonly status: 'created' | 'exists'; readonly folder: PlannedFolder }
  | { readonly status: 'failed'; readonly folder: PlannedFolder; readonly error: DawgError };

/** What happened to one plan item. Only create, update and delete items are ever written. */
export type ItemOutcome =
  | {
    readonly status: 'applied';
    readonly item: PlanItem;
    /** The version Grafana gave the saved dashboard; undefined for a delete. */
    readonly version: number | undefined;
  }
  /** Nothing to do: unchanged. */
  | { readonly status: 'unchanged'; readonly item: PlanItem }
  /** Left alone on purpose: drift under `--drift skip`, or an orphan without `--prune`. */
  | { readonly status: 'skipped'; readonly item: PlanItem }
  /** A conflict, drift under `--drift fail`, a failed read, or a failed write. */
  | { readonly status: 'failed'; readonly item: PlanItem; readonly error: DawgError };

/** What one apply did: each folder, then each plan item. */
export interface ApplyResult {
  readonly folders: readonly FolderOutcome[];
  /** One outcome per plan item, in plan order. */
  readonly outcomes: readonly ItemOutcome[];
  readonly durationMs: number;
}

/** Options of `applyPlan`. */
export interface ApplyOptions {
  /** Writes in flight at once. Default 8. */
  readonly concurrency?: number;
  /** The user's note, added to every version message. */
  readonly message?: string;
  /** The commit being applied, named in version messages. */
  readonly commit?: string;
  readonly logger?: Logger;
  readonly signal?: AbortSignal;
}

/**
 * Grafana's SQLite backend locks under parallel writes (grafana-api.md §8.1); eight keeps a
 * slow server busy without tripping it, and retries absorb the rest.
 */
const defaultConcurrency = 8;

/**
 * Writes the plan's create, update and delete items, concurrently, after creating its folders
 * (parents first: a dashboard cannot be saved into a folder that does not exist yet). Each
 * save carries the live version, so a dashboard changed since the plan fails with
 * GRAFANA_CONFLICT instead of being overwritten. One failure does not stop the others.
 */
export async function applyPlan(
  plan: Plan,
  client: GrafanaClient,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const started = performance.now();
  const logger = options.logger ?? silentLogger;
  const limit = pLimit(options.concurrency ?? defaultConcurrency);

  const folders = await createFolders(plan.folders, client, { ...options, limit });
  const failedFolders = new Map(folders.flatMap((outcome) =>
    outcome.status === 'failed' ? [[outcome.folder.uid, outcome.error] as const] : []));
  const outcomes = await Promise.all(plan.items.map((item) =>
    limit(() => applyItem(item, client, { ...options, plan, failedFolders }))));

  for (const outcome of outcomes) {
    logOutcome(outcome, logger);
  }
  return { folders, outcomes, durationMs: performance.now() - started };
}

async function createFolders(
  planned: readonly PlannedFolder[],
  client: GrafanaClient,
  options: ApplyOptions & { readonly limit: ReturnType<typeof pLimit> },
): Promise<FolderOutcome[]> {
  const outcomes: FolderOutcome[] = [];
  const failed = new Set<string>();
  const depths = [...new Set(planned.map((folder) => folder.depth))].sort((a, b) => a - b);

  // Level by level: a child's parent must exist before the child is posted.
  for (const depth of depths) {
    const level = planned.filter((folder) => folder.depth === depth);
    const results = await Promise.all(level.map((folder) => options.limit(() =>
      createFolder(folder, client, { ...options, failedParent: parentFailed(folder, failed) }))));
    for (const result of results) {
      if (result.status === 'failed') {
        failed.add(result.folder.uid);
      }
      outcomes.push(result);
    }
  }
  return outcomes;
}

function parentFailed(folder: PlannedFolder, failed: ReadonlySet<string>): boolean {
  return folder.parentUid !== undefined && failed.has(folder.parentUid);
}

async function createFolder(
  folder: PlannedFolder,
  client: GrafanaClient,
  options: ApplyOptions & { readonly failedParent: boolean },
): Promise<FolderOutcome> {
  if (options.failedParent) {
    const error = new DawgError('GRAFANA', `folder ${folder.path} was not created: its parent `
      + 'could not be created');
    return { status: 'failed', folder, error };
  }

  try {
    const result = await client.createFolder({
      uid: folder.uid,
      title: folder.title,
      ...(folder.parentUid === undefined ? {} : { parentUid: folder.parentUid }),
    }, { signal: options.signal });
    return { status: result.status, folder };
  } catch (error) {
    options.signal?.throwIfAborted();
    return { status: 'failed', folder, error: toDawgError(error, 'GRAFANA') };
  }
}

interface ItemContext extends ApplyOptions {
  readonly plan: Plan;
  readonly failedFolders: ReadonlyMap<string, DawgError>;
}

async function applyItem(
  item: PlanItem,
  client: GrafanaClient,
  context: ItemContext,
): Promise<ItemOutcome> {
  switch (item.action) {
    case 'unchanged':
      return { status: 'unchanged', item };
    case 'orphan':
      return { status: 'skipped', item };
    case 'drift':
      return item.policy === 'skip'
        ? { status: 'skipped', item }
        : { status: 'failed', item, error: item.error };
    case 'conflict':
    case 'failed':
      return { status: 'failed', item, error: item.error };
    case 'create':
      return save(item, item.desired, undefined, client, context);
    case 'update':
      return save(item, item.desired, item.live, client, context);
    case 'delete':
      return remove(item, item.live, client, context);
  }
}

async function save(
  item: PlanItem,
  desired: DesiredDashboard,
  live: LiveDashboard | undefined,
  client: GrafanaClient,
  context: ItemContext,
): Promise<ItemOutcome> {
  const folderError = context.failedFolders.get(desired.folder.uid);
  if (folderError !== undefined) {
    const error = new DawgError('GRAFANA', `not saved: folder ${desired.folder.path} could not `
      + `be created (${folderError.message})`, { cause: folderError });
    return { status: 'failed', item, error };
  }
  const dashboard = live === undefined
    ? desired.model
    : { ...desired.model, version: live.version };
  const message = buildVersionMessage({
    dashboard: desired.dashboard,
    file: desired.file,
    commit: context.commit,
    note: context.message,
  });

  try {
    const saved = await client.saveDashboard(
      { dashboard, folderUid: desired.folder.uid, message },
      { signal: context.signal },
    );
    return { status: 'applied', item, version: saved.version };
  } catch (error) {
    context.signal?.throwIfAborted();
    return afterSaveFailure(item, desired, toDawgError(error, 'GRAFANA'), client, context);
  }
}

/**
 * A 412 on a dashboard that exists means it changed after the plan was read, unless the change
 * is DAWG's own write landing twice (a retry after a lost answer): then Grafana already holds
 * exactly what was planned, and the item counts as applied. A 412 without such a dashboard is
 * another rule (a title taken in the folder before Grafana 11.3): Grafana's message says which.
 */
async function afterSaveFailure(
  item: PlanItem,
  desired: DesiredDashboard,
  error: DawgError,
  client: GrafanaClient,
  context: ItemContext,
): Promise<ItemOutcome> {
  if (error.code !== 'GRAFANA_CONFLICT') {
    return { status: 'failed', item, error };
  }
  const current = await readCurrent(desired.uid, client, context).catch(() => undefined);
  if (current === undefined) {
    return { status: 'failed', item, error };
  }

  const marker = current.ownership.owner === 'us' ? current.ownership.marker : undefined;
  if (current.hash === desired.hash && marker?.hash === desired.hash) {
    return { status: 'applied', item, version: current.version };
  }
  const conflict = new DawgError('GRAFANA_CONFLICT', `uid ${desired.uid} changed in Grafana `
    + `after the plan was made; not saved (${error.message})`, {
    hint: 'run diff again to see the change, then apply',
    cause: error,
  });
  return { status: 'failed', item, error: conflict };
}

/**
 * DELETE has no version check in Grafana, so the dashboard is read again first: it is deleted
 * only if it is still this project's and still at the version the plan saw.
 */
async function remove(
  item: PlanItem,
  live: LiveDashboard,
  client: GrafanaClient,
  context: ItemContext,
): Promise<ItemOutcome> {
  try {
    const current = await readCurrent(live.uid, client, context);
    if (current === undefined) {
      return { status: 'applied', item, version: undefined };
    }
    if (current.ownership.owner !== 'us' || current.version !== live.version) {
      const error = new DawgError('GRAFANA_CONFLICT', `uid ${live.uid} changed in Grafana after `
        + 'the plan was made; not deleted', { hint: 'run diff again to see the change' });
      return { status: 'failed', item, error };
    }

    await client.deleteDashboard(live.uid, { signal: context.signal });
    return { status: 'applied', item, version: undefined };
  } catch (error) {
    context.signal?.throwIfAborted();
    return { status: 'failed', item, error: toDawgError(error, 'GRAFANA') };
  }
}

async function readCurrent(
  uid: string,
  client: GrafanaClient,
  context: ItemContext,
): Promise<LiveDashboard | undefined> {
  const body = await client.getDashboard(uid, { signal: context.signal });
  return body === undefined
    ? undefined
    : readLiveDashboard(body, {
      source: context.plan.source,
      minRefreshInterval: context.plan.minRefreshInterval,
    });
}

function logOutcome(outcome: ItemOutcome, logger: Logger): void {
  const { item } = outcome;
  const fields = { dashboard: item.dashboard, uid: item.uid };
  if (outcome.status === 'failed') {
    logger.error(outcome.error.message, { ...fields, code: outcome.error.code });
    return;
  }
  if (outcome.status === 'applied') {
    logger.debug(`${pastTense(item.action)} ${item.dashboard ?? item.uid}`, fields);
  }
}

function pastTense(action: PlanItem['action']): string {
  switch (action) {
    case 'create':
      return 'created';
    case 'delete':
      return 'deleted';
    default:
      return 'updated';
  }
}
