import { DawgError } from '../../src/errors.js';
import { prepareDesiredDashboard } from '../../src/grafana/desired-dashboard.js';
import { rootFolder, type FolderTarget } from '../../src/grafana/folder-target.js';
import { readLiveDashboard, type LiveDashboard } from '../../src/grafana/live-dashboard.js';
import { planChanges, type Plan } from '../../src/grafana/plan.js';
import type { LiveState } from '../../src/grafana/read-live.js';
import type { FolderResolution } from '../../src/grafana/resolve-folders.js';
import type { RenderedDashboard } from '../../src/render/rendered-dashboard.js';
import { renderedDashboard } from './rendered-fixture.js';

export const fixtureSource = 'github.com/acme/dashboards';

const team: FolderTarget = { uid: 'team', path: 'Team' };
const payments = {
  uid: 'payments-0123456789ab',
  title: 'Payments',
  parentUid: 'team',
  path: 'Team/Payments',
  depth: 2,
};

/** Grafana's copy of `rendered` as DAWG wrote it, then changed by `edit`. */
function liveCopy(
  rendered: RenderedDashboard,
  folder: FolderTarget,
  edit: (model: Record<string, unknown>) => Record<string, unknown> = (model) => model,
): LiveDashboard {
  const desired = prepareDesiredDashboard(rendered, folder, { source: fixtureSource });
  return readLiveDashboard({
    dashboard: edit({ ...desired.model, id: 7, version: 4 }),
    meta: { version: 4, folderUid: folder.uid, folderTitle: folder.path },
  }, { source: fixtureSource });
}

/**
 * A plan with one dashboard of every kind: create (in a folder to create), a source update
 * with a folder move, unchanged, drift, a hand-made conflict, a failed read, and one owned
 * dashboard no manifest renders (an orphan, or a delete with `prune`).
 */
export function planWithEveryAction(options: { readonly prune: boolean }): Plan {
  const created = renderedDashboard({
    name: 'checkout',
    namespace: 'shop',
    folder: 'Team/Payments',
    title: 'Checkout',
    dashboard: {
      refresh: '30s',
      templating: { list: [{ name: 'env' }, { name: 'pod' }] },
      panels: [
        { type: 'row', title: 'Overview', panels: [{ type: 'stat' }, { type: 'stat' }] },
        { type: 'timeseries', title: 'Latency' },
      ],
    },
  });
  const cartBefore = renderedDashboard({ name: 'cart', namespace: 'shop', title: 'Cart' });
  const cart = renderedDashboard({
    name: 'cart',
    namespace: 'shop',
    title: 'Cart',
    folder: 'team',
    dashboard: { panels: [{ id: 1, type: 'timeseries', title: 'Requests per second' }] },
  });
  const stable = renderedDashboard({ name: 'stable', namespace: 'shop', title: 'Stable' });
  const orders = renderedDashboard({ name: 'orders', namespace: 'shop', title: 'Orders' });
  const legacy = renderedDashboard({ name: 'legacy', namespace: 'shop', uid: 'legacy' });
  const broken = renderedDashboard({ name: 'broken', namespace: 'shop', title: 'Broken' });
  const gone = renderedDashboard({ name: 'gone', namespace: 'shop', title: 'Gone' });

  const folders = new Map<string, FolderResolution>([
    ['', { status: 'resolved', target: rootFolder, creates: [] }],
    ['team', { status: 'resolved', target: team, creates: [] }],
    ['Team/Payments', {
      status: 'resolved',
      target: { uid: payments.uid, path: payments.path },
      creates: [payments],
    }],
  ]);
  const live: LiveState = {
    dashboards: new Map([
      ['shop_checkout', { status: 'missing' }],
      ['shop_cart', { status: 'found', dashboard: liveCopy(cartBefore, rootFolder) }],
      ['shop_stable', { status: 'found', dashboard: liveCopy(stable, rootFolder) }],
      ['shop_orders', {
        status: 'found',
        dashboard: liveCopy(orders, rootFolder, (model) => ({ ...model, title: 'Orders (mine)' })),
      }],
      ['legacy', {
        status: 'found',
        dashboard: readLiveDashboard(
          { dashboard: { uid: 'legacy', title: 'Legacy <b>', version: 9 }, meta: { version: 9 } },
          { source: fixtureSource },
        ),
      }],
      ['shop_broken', {
        status: 'failed',
        error: new DawgError('GRAFANA', 'GET /api/dashboards/uid/shop_broken: 500 boom'),
      }],
    ]),
    orphans: { status: 'listed', dashboards: [liveCopy(gone, rootFolder)] },
    folders,
  };

  return planChanges([created, cart, stable, orders, legacy, broken], live, {
    source: fixtureSource,
    prune: options.prune,
  });
}
