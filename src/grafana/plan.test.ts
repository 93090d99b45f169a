import { describe, expect, it } from 'vitest';

import { renderedDashboard } from '../../test/grafana/rendered-fixture.js';
import { DawgError } from '../errors.js';
import type { RenderedDashboard } from '../render/rendered-dashboard.js';
import { prepareDesiredDashboard } from './desired-dashboard.js';
import { rootFolder, type FolderTarget } from './folder-target.js';
import { readLiveDashboard, type LiveDashboard } from './live-dashboard.js';
import { planChanges, type PlanItem, type PlanOptions } from './plan.js';
import type { LiveLookup, LiveState, OrphanListing } from './read-live.js';
import type { FolderResolution } from './resolve-folders.js';

const source = 'github.com/acme/dashboards';
const options: PlanOptions = { source };

/** What Grafana would hold after DAWG applied `rendered` (optionally edited afterwards). */
function applied(
  rendered: RenderedDashboard,
  edit: (model: Record<string, unknown>) => Record<string, unknown> = (model) => model,
  folder: FolderTarget = rootFolder,
): LiveDashboard {
  const desired = prepareDesiredDashboard(rendered, folder, { source });
  const model = edit({ ...desired.model, id: 17, version: 3 });
  return live(model, folder);
}

function live(model: Record<string, unknown>, folder: FolderTarget = rootFolder): LiveDashboard {
  return readLiveDashboard(
    { dashboard: model, meta: { version: 3, folderUid: folder.uid, folderTitle: folder.path } },
    { source },
  );
}

function state(
  lookups: Record<string, LiveLookup>,
  extra: { orphans?: OrphanListing; folders?: Record<string, FolderResolution> } = {},
): LiveState {
  const folders = new Map<string, FolderResolution>([
    ['', { status: 'resolved', target: rootFolder, creates: [] }],
    ...Object.entries(extra.folders ?? {}),
  ]);
  return {
    dashboards: new Map(Object.entries(lookups)),
    orphans: extra.orphans ?? { status: 'listed', dashboards: [] },
    folders,
  };
}

function only(items: readonly PlanItem[]): PlanItem {
  expect(items).toHaveLength(1);
  return items[0] as PlanItem;
}

describe('planChanges', () => {
  const checkout = renderedDashboard({ name: 'checkout', namespace: 'shop' });

  it('creates a dashboard Grafana does not have', () => {
    const plan = planChanges([checkout], state({ shop_checkout: { status: 'missing' } }), options);

    expect(only(plan.items)).toMatchObject({ action: 'create', uid: 'shop_checkout' });
  });

  it('leaves a dashboard unchanged when Grafana holds what DAWG last wrote', () => {
    const lookup: LiveLookup = { status: 'found', dashboard: applied(checkout) };

    const plan = planChanges([checkout], state({ shop_checkout: lookup }), options);

    expect(only(plan.items).action).toBe('unchanged');
  });

  it('ignores what the server owns or rewrites: id, version, key order, short refresh', () => {
    const rendered = renderedDashboard({
      name: 'checkout',
      namespace: 'shop',
      dashboard: { refresh: '1s', id: null },
    });
    const serverCopy = applied(rendered, (model) => ({
      ...Object.fromEntries(Object.entries(model).reverse()),
      refresh: '5s',
      id: 99,
      version: 12,
    }));

    const plan = planChanges(
      [rendered],
      state({ shop_checkout: { status: 'found', dashboard: serverCopy } }),
      options,
    );

    expect(only(plan.items).action).toBe('unchanged');
  });

  it('updates when the rendered dashboard changed and nobody touched the live one', () => {
    const changed = renderedDashboard({
      name: 'checkout',
      namespace: 'shop',
      dashboard: { refresh: '30s' },
    });
    const lookup: LiveLookup = { status: 'found', dashboard: applied(checkout) };

    const item = only(planChanges([changed], state({ shop_checkout: lookup }), options).items);

    expect(item).toMatchObject({ action: 'update', cause: 'source' });
    expect(item.action === 'update' && item.changes).toEqual([
      { path: ['refresh'], kind: 'added' },
    ]);
  });

  it('updates a folder-only move', () => {
    const team: FolderTarget = { uid: 'team', path: 'Team' };
    const moved = renderedDashboard({ name: 'checkout', namespace: 'shop', folder: 'team' });
    const lookup: LiveLookup = { status: 'found', dashboard: applied(checkout) };
    const folders: Record<string, FolderResolution> = {
      team: { status: 'resolved', target: team, creates: [] },
    };

    const item = only(planChanges([moved], state({ shop_checkout: lookup }, { folders }), options)
      .items);

    expect(item).toMatchObject({ action: 'update', cause: 'source', changes: [] });
    expect(item.action === 'update' && item.desired.folder).toEqual(team);
  });

  it('reports a UI edit as drift and fails it by default', () => {
    const edited = applied(checkout, (model) => ({ ...model, title: 'Edited by hand' }));

    const item = only(planChanges(
      [checkout],
      state({ shop_checkout: { status: 'found', dashboard: edited } }),
      options,
    ).items);

    expect(item).toMatchObject({ action: 'drift', policy: 'fail', sourceChanged: false });
    expect(item.action === 'drift' && item.error.code).toBe('GRAFANA_DRIFT');
  });

  it('reports drift from a UI save that dropped the marker and kept the tag', () => {
    const uiSaved = applied(checkout, ({ __dawg: _marker, ...model }) => ({
      ...model,
      iteration: 1,
    }));

    const item = only(planChanges(
      [checkout],
      state({ shop_checkout: { status: 'found', dashboard: uiSaved } }),
      options,
    ).items);

    expect(item).toMatchObject({ action: 'drift', sourceChanged: undefined });
  });

  it('overwrites or skips drift when the policy says so', () => {
    const edited = applied(checkout, (model) => ({ ...model, title: 'Edited' }));
    const live = state({ shop_checkout: { status: 'found', dashboard: edited } });

    const overwrite = planChanges([checkout], live, { ...options, driftPolicy: 'overwrite' });
    const skip = planChanges([checkout], live, { ...options, driftPolicy: 'skip' });

    expect(only(overwrite.items)).toMatchObject({ action: 'update', cause: 'overwrite-drift' });
    expect(only(skip.items)).toMatchObject({ action: 'drift', policy: 'skip' });
  });

  it('marks a same-uid dashboard made by hand as a conflict', () => {
    const handMade = live({ uid: 'shop_checkout', title: 'Mine', version: 1 });

    const item = only(planChanges(
      [checkout],
      state({ shop_checkout: { status: 'found', dashboard: handMade } }),
      options,
    ).items);

    expect(item).toMatchObject({ action: 'conflict', reason: 'unmanaged' });
    expect(item.action === 'conflict' && item.error.code).toBe('GRAFANA_CONFLICT');
  });

  it('adopts a hand-made dashboard only when asked', () => {
    const handMade = live({ uid: 'shop_checkout', title: 'Mine' });
    const lookups = state({ shop_checkout: { status: 'found', dashboard: handMade } });

    const byUid = planChanges([checkout], lookups, { ...options, adopt: ['shop_checkout'] });
    const all = planChanges([checkout], lookups, { ...options, adoptAll: true });

    expect(only(byUid.items)).toMatchObject({ action: 'update', cause: 'adopt' });
    expect(only(all.items)).toMatchObject({ action: 'update', cause: 'adopt' });
  });

  it('never adopts another project\'s dashboard with --adopt-all', () => {
    const theirs = live({ uid: 'shop_checkout', title: 'T', tags: ['dawg:other/project'] });

    const item = only(planChanges(
      [checkout],
      state({ shop_checkout: { status: 'found', dashboard: theirs } }),
      { ...options, adoptAll: true },
    ).items);

    expect(item).toMatchObject({ action: 'conflict', reason: 'other-project' });
  });

  it('marks a provisioned dashboard as a conflict even when DAWG owns it', () => {
    const owned = applied(checkout);

    const item = only(planChanges(
      [checkout],
      state({ shop_checkout: { status: 'found', dashboard: { ...owned, provisioned: true } } }),
      options,
    ).items);

    expect(item).toMatchObject({ action: 'conflict', reason: 'provisioned' });
  });

  it('lists owned dashboards no manifest renders: kept without prune, deleted with it', () => {
    const gone = applied(renderedDashboard({ name: 'gone', namespace: 'shop' }));
    const live = state({}, { orphans: { status: 'listed', dashboards: [gone] } });

    const kept = planChanges([], live, options);
    const pruned = planChanges([], live, { ...options, prune: true });

    expect(only(kept.items)).toMatchObject({ action: 'orphan', uid: 'shop_gone' });
    expect(only(pruned.items)).toMatchObject({
      action: 'delete',
      uid: 'shop_gone',
      dashboard: 'shop/gone',
    });
  });

  it('does not prune an owned dashboard edited in Grafana unless drift may be overwritten', () => {
    const gone = renderedDashboard({ name: 'gone', namespace: 'shop' });
    const edited = applied(gone, (model) => ({ ...model, title: 'Kept by hand' }));
    const live = state({}, { orphans: { status: 'listed', dashboards: [edited] } });

    const failing = planChanges([], live, { ...options, prune: true });
    const overwriting = planChanges([], live, {
      ...options,
      prune: true,
      driftPolicy: 'overwrite',
    });

    expect(only(failing.items)).toMatchObject({
      action: 'drift',
      desired: undefined,
      error: { code: 'GRAFANA_DRIFT' },
    });
    expect(only(overwriting.items)).toMatchObject({ action: 'delete', uid: 'shop_gone' });
  });

  it('plans folders only for dashboards that will be written', () => {
    const planned = { uid: 'team-1', title: 'Team', parentUid: undefined, path: 'Team', depth: 1 };
    const folders: Record<string, FolderResolution> = {
      Team: { status: 'resolved', target: { uid: 'team-1', path: 'Team' }, creates: [planned] },
    };
    const inTeam = renderedDashboard({ name: 'a', folder: 'Team' });
    const handMade = live({ uid: 'default_a', title: 'Mine' });
    const missing = state({ default_a: { status: 'missing' } }, { folders });
    const taken = state({ default_a: { status: 'found', dashboard: handMade } }, { folders });

    const created = planChanges([inTeam], missing, options);
    const blocked = planChanges([inTeam], taken, options);

    expect(created.folders).toEqual([planned]);
    expect(blocked.folders).toEqual([]);
  });

  it('turns a failed read or an unresolvable folder into a failed item', () => {
    const down = new DawgError('GRAFANA_UNREACHABLE', 'down');
    const ambiguous = new DawgError('GRAFANA_CONFLICT', 'folder title "Bad" is ambiguous');
    const inBad = renderedDashboard({ name: 'b', folder: 'Bad' });
    const live = state(
      { shop_checkout: { status: 'failed', error: down }, default_b: { status: 'missing' } },
      { folders: { Bad: { status: 'failed', error: ambiguous } } },
    );

    const plan = planChanges([checkout, inBad], live, options);

    expect(plan.items).toMatchObject([
      { action: 'failed', uid: 'shop_checkout', error: { code: 'GRAFANA_UNREACHABLE' } },
      { action: 'failed', uid: 'default_b', error: { code: 'GRAFANA_CONFLICT' } },
    ]);
  });
});
