import { DawgError } from '../errors.js';
import { manifestKey } from '../manifest/manifest.js';
import type { RenderedDashboard } from '../render/rendered-dashboard.js';
import { compareText } from './compare-text.js';
import { prepareDesiredDashboard, type DesiredDashboard } from './desired-dashboard.js';
import { compareOwned } from './drift.js';
import { folderReferenceKey } from './folder-reference.js';
import type { PlannedFolder } from './folder-target.js';
import { diffJson, type JsonChange } from './json-changes.js';
import type { LiveDashboard } from './live-dashboard.js';
import type { LiveState } from './read-live.js';
import { defaultMinRefreshInterval } from './refresh-interval.js';
import { collectPlannedFolders, type FolderResolution } from './resolve-folders.js';

/** What to do when an owned dashboard was edited in Grafana since DAWG last wrote it. */
export type DriftPolicy = 'fail' | 'overwrite' | 'skip';

/** Every drift policy, for flag and input validation. */
export const driftPolicies: readonly DriftPolicy[] = ['fail', 'overwrite', 'skip'];

/** Why an update is planned. */
export type UpdateCause =
  /** The rendered dashboard changed (content or folder). */
  | 'source'
  /** Only the marker is stale: the manifest was renamed, or a UI save dropped the marker. */
  | 'marker'
  /** A dashboard DAWG does not own, taken over because the user said so. */
  | 'adopt'
  /** Edited in Grafana; `--drift overwrite` puts the rendered version back. */
  | 'overwrite-drift';

/** Why a rendered dashboard cannot be written. */
export type ConflictReason = 'unmanaged' | 'other-project' | 'provisioned';

/** Names shared by every plan item, for reports. */
interface Subject {
  readonly uid: string;
  readonly title: string;
  /** The manifest as `namespace/name`; undefined for dashboards no manifest renders. */
  readonly dashboard: string | undefined;
  readonly file: string | undefined;
}

/** One dashboard's line in the plan. Only create, update and delete are ever written. */
export type PlanItem =
  | Subject & { readonly action: 'create'; readonly desired: DesiredDashboard }
  | Subject & {
    readonly action: 'update';
    readonly desired: DesiredDashboard;
    readonly live: LiveDashboard;
    readonly cause: UpdateCause;
    readonly changes: readonly JsonChange[];
  }
  | Subject & {
    readonly action: 'unchanged';
    readonly desired: DesiredDashboard;
    readonly live: LiveDashboard;
  }
  | Subject & {
    /**
     * Edited in Grafana since DAWG wrote it; kept as it is (policy fail or skip). `desired` is
     * undefined for a dashboard no manifest renders that `--prune` would otherwise delete.
     */
    readonly action: 'drift';
    readonly desired: DesiredDashboard | undefined;
    readonly live: LiveDashboard;
    readonly changes: readonly JsonChange[];
    /** Whether the rendered dashboard changed too; undefined when the marker was lost. */
    readonly sourceChanged: boolean | undefined;
    readonly policy: 'fail' | 'skip';
    readonly error: DawgError;
  }
  | Subject & {
    readonly action: 'conflict';
    readonly desired: DesiredDashboard;
    readonly live: LiveDashboard;
    readonly reason: ConflictReason;
    readonly error: DawgError;
  }
  /** Owned, rendered by no manifest any more, and `--prune` is on. */
  | Subject & { readonly action: 'delete'; readonly live: LiveDashboard }
  /** Owned, rendered by no manifest any more, kept because `--prune` is off. */
  | Subject & { readonly action: 'orphan'; readonly live: LiveDashboard }
  /** Could not be planned: Grafana could not be read for it, or its folder is ambiguous. */
  | Subject & { readonly action: 'failed'; readonly error: DawgError };

/** The action of a plan item. */
export type PlanAction = PlanItem['action'];

/** The changes DAWG would make to Grafana, dashboard by dashboard. */
export interface Plan {
  /** The project identity the plan was made for. */
  readonly source: string;
  readonly driftPolicy: DriftPolicy;
  readonly prune: boolean;
  /** The `min_refresh_interval` the comparison assumed. */
  readonly minRefreshInterval: string;
  /** Folders to create, parents first. */
  readonly folders: readonly PlannedFolder[];
  /** Rendered dashboards in manifest order, then delete candidates by uid. */
  readonly items: readonly PlanItem[];
  /** Whether delete candidates were looked for (only on whole-project runs). */
  readonly orphansListed: boolean;
  /** Why delete candidates are unknown, when listing them failed. */
  readonly orphanError: DawgError | undefined;
}

/** Options of `planChanges`; only `source` is required. */
export interface PlanOptions {
  /** The project identity: what the marker and the owner tag name. */
  readonly source: string;
  /** The commit being planned, written into markers. */
  readonly commit?: string;
  /** Default `fail`. */
  readonly driftPolicy?: DriftPolicy;
  /** Delete owned dashboards no manifest renders. Default false. */
  readonly prune?: boolean;
  /** Uids to take over although DAWG (this project) does not own them. */
  readonly adopt?: readonly string[];
  /** Take over every same-uid dashboard made by hand (not those of other DAWG projects). */
  readonly adoptAll?: boolean;
  /** The server's `min_refresh_interval`. Default `5s`. */
  readonly minRefreshInterval?: string;
}

/**
 * Compares the rendered dashboards with the live state and decides, per dashboard: create,
 * update, unchanged, drift, conflict or failed; then lists owned dashboards no manifest
 * renders (delete with `prune`, else kept as orphans). Pure: reads nothing, writes nothing.
 */
export function planChanges(
  rendered: readonly RenderedDashboard[],
  live: LiveState,
  options: PlanOptions,
): Plan {
  const driftPolicy = options.driftPolicy ?? 'fail';
  const adopt = new Set(options.adopt ?? []);
  const context: ItemContext = { ...options, driftPolicy, adopt };

  const items = rendered.map((dashboard) => planOne(dashboard, live, context));
  const orphans = live.orphans.status === 'listed' ? [...live.orphans.dashboards] : [];
  orphans.sort((a, b) => compareText(a.uid, b.uid));
  for (const orphan of orphans) {
    items.push(planOrphan(orphan, { prune: options.prune === true, driftPolicy }));
  }

  return {
    source: options.source,
    driftPolicy,
    prune: options.prune === true,
    minRefreshInterval: options.minRefreshInterval ?? defaultMinRefreshInterval,
    folders: collectPlannedFolders(usedFolderResolutions(items, live)),
    items,
    orphansListed: live.orphans.status === 'listed',
    orphanError: live.orphans.status === 'failed' ? live.orphans.error : undefined,
  };
}

interface ItemContext extends Omit<PlanOptions, 'adopt'> {
  readonly driftPolicy: DriftPolicy;
  readonly adopt: ReadonlySet<string>;
}

function planOne(rendered: RenderedDashboard, live: LiveState, context: ItemContext): PlanItem {
  const folderKey = folderReferenceKey(rendered.manifest.folder);
  const folder = live.folders.get(folderKey);
  const lookup = live.dashboards.get(rendered.uid);
  const subject = {
    uid: rendered.uid,
    title: rendered.title,
    dashboard: manifestKey(rendered.manifest),
    file: rendered.manifest.source.file,
  };
  if (folder === undefined || lookup === undefined) {
    const error = new DawgError('INTERNAL', `no live state was read for uid ${rendered.uid}`);
    return { ...subject, action: 'failed', error };
  }
  if (folder.status === 'failed') {
    return { ...subject, action: 'failed', error: folder.error };
  }
  if (lookup.status === 'failed') {
    return { ...subject, action: 'failed', error: lookup.error };
  }

  const desired = prepareDesiredDashboard(rendered, folder.target, context);
  if (lookup.status === 'missing') {
    return { ...subject, action: 'create', desired };
  }
  return planExisting(subject, desired, lookup.dashboard, context);
}

function planExisting(
  subject: Subject,
  desired: DesiredDashboard,
  live: LiveDashboard,
  context: ItemContext,
): PlanItem {
  if (live.provisioned) {
    return conflict(subject, desired, live, 'provisioned');
  }
  const { ownership } = live;
  if (ownership.owner !== 'us') {
    const reason = ownership.owner === 'none' ? 'unmanaged' : 'other-project';
    return isAdopted(live, context)
      ? update(subject, desired, live, 'adopt')
      : conflict(subject, desired, live, reason);
  }

  const comparison = compareOwned({
    marker: ownership.marker,
    liveHash: live.hash,
    desiredHash: desired.hash,
    desiredMarker: desired.marker,
  });
  switch (comparison.state) {
    case 'in-sync':
      return { ...subject, action: 'unchanged', desired, live };
    case 'marker-outdated':
      return update(subject, desired, live, 'marker');
    case 'source-changed':
      return update(subject, desired, live, 'source');
    case 'drifted':
      return planDrift(subject, desired, live, {
        ...context,
        sourceChanged: comparison.sourceChanged,
      });
  }
}

function planDrift(
  subject: Subject,
  desired: DesiredDashboard,
  live: LiveDashboard,
  context: ItemContext & { readonly sourceChanged: boolean | undefined },
): PlanItem {
  if (context.driftPolicy === 'overwrite') {
    return update(subject, desired, live, 'overwrite-drift');
  }

  const error = new DawgError(
    'GRAFANA_DRIFT',
    `${subject.dashboard ?? subject.uid} (uid ${subject.uid}) was changed in Grafana since DAWG `
      + 'last applied it',
    {
      hint: 'bring the change into the manifest, or apply with --drift overwrite to replace it '
        + '(--drift skip leaves it as it is)',
    },
  );
  return {
    ...subject,
    action: 'drift',
    desired,
    live,
    changes: diffJson(live.content, desired.content),
    sourceChanged: context.sourceChanged,
    policy: context.driftPolicy,
    error,
  };
}

/**
 * An owned dashboard no manifest renders: kept without `--prune`; with it, deleted, unless
 * someone edited it in Grafana since DAWG wrote it. Then the drift policy decides, as for any
 * drift: deleting would throw that edit away.
 */
function planOrphan(
  live: LiveDashboard,
  options: { readonly prune: boolean; readonly driftPolicy: DriftPolicy },
): PlanItem {
  const marker = live.ownership.owner === 'us' ? live.ownership.marker : undefined;
  const subject = {
    uid: live.uid,
    title: live.title,
    dashboard: marker?.dashboard,
    file: marker?.file,
  };
  if (!options.prune) {
    return { ...subject, action: 'orphan', live };
  }
  const edited = marker === undefined || marker.hash !== live.hash;
  if (!edited || options.driftPolicy === 'overwrite') {
    return { ...subject, action: 'delete', live };
  }

  const error = new DawgError('GRAFANA_DRIFT', `${subject.dashboard ?? subject.uid} (uid `
    + `${subject.uid}) is rendered by no manifest, but was changed in Grafana since DAWG last `
    + 'applied it; not deleted', {
    hint: 'delete it by hand, or prune with --drift overwrite (--drift skip leaves it)',
  });
  return {
    ...subject,
    action: 'drift',
    desired: undefined,
    live,
    changes: [],
    sourceChanged: true,
    policy: options.driftPolicy,
    error,
  };
}

function isAdopted(live: LiveDashboard, context: ItemContext): boolean {
  if (context.adopt.has(live.uid)) {
    return true;
  }
  return context.adoptAll === true && live.ownership.owner === 'none';
}

function conflict(
  subject: Subject,
  desired: DesiredDashboard,
  live: LiveDashboard,
  reason: ConflictReason,
): PlanItem {
  const error = conflictError(live, reason);
  return { ...subject, action: 'conflict', desired, live, reason, error };
}

function update(
  subject: Subject,
  desired: DesiredDashboard,
  live: LiveDashboard,
  cause: UpdateCause,
): PlanItem {
  const changes = cause === 'marker' ? [] : diffJson(live.content, desired.content);
  return { ...subject, action: 'update', desired, live, cause, changes };
}

function conflictError(live: LiveDashboard, reason: ConflictReason): DawgError {
  const owner = live.ownership.owner === 'other-project' ? live.ownership.source : '';
  switch (reason) {
    case 'provisioned':
      return new DawgError('GRAFANA_CONFLICT', `uid ${live.uid} is provisioned from a file in `
        + 'Grafana and cannot be saved through the API', {
        hint: 'remove it from Grafana\'s provisioning, or give the dashboard another uid',
      });
    case 'other-project':
      return new DawgError('GRAFANA_CONFLICT', `uid ${live.uid} belongs to the DAWG project `
        + `${owner}`, {
        hint: `two projects render the same uid: rename one, or --adopt ${live.uid} to take it`,
      });
    case 'unmanaged':
      return new DawgError('GRAFANA_CONFLICT', `uid ${live.uid} exists in Grafana and was not `
        + 'made by DAWG', {
        hint: `--adopt ${live.uid} takes it over (replacing its content), or change the uid`,
      });
  }
}

/** Folders are created only for dashboards that will be written. */
function usedFolderResolutions(
  items: readonly PlanItem[],
  live: LiveState,
): FolderResolution[] {
  const written = new Set(items.flatMap((item) =>
    item.action === 'create' || item.action === 'update' ? [item.desired.folder.uid] : []));
  return [...live.folders.values()].filter((resolution) =>
    resolution.status === 'resolved' && written.has(resolution.target.uid));
}
