import { afterEach, describe, expect, it } from 'vitest';

import { applyPlan } from '../../src/grafana/apply.js';
import { createGrafanaClient, type GrafanaClient } from '../../src/grafana/client.js';
import { markerKey, ownerTag } from '../../src/grafana/ownership.js';
import type { PlanItem } from '../../src/grafana/plan.js';
import { renderedDashboard } from './rendered-fixture.js';
import { source, startHarness, writeLog, type Harness } from './harness.js';

const harnesses: Harness[] = [];
const humans: GrafanaClient[] = [];

async function harness(options?: Parameters<typeof startHarness>[0]): Promise<Harness> {
  const started = await startHarness(options);
  harnesses.push(started);
  return started;
}

afterEach(async () => {
  await Promise.all(humans.splice(0).map((client) => client.close()));
  await Promise.all(harnesses.splice(0).map((started) => started.close()));
});

/** Someone saving in Grafana's UI: the marker key is dropped, the tags stay. */
async function saveAsHuman(
  setup: Harness,
  uid: string,
  edit: (model: Record<string, unknown>) => Record<string, unknown>,
): Promise<void> {
  const human = createGrafanaClient({
    url: setup.emulator.url,
    credentials: { kind: 'token', token: setup.emulator.adminToken },
  });
  humans.push(human);
  const current = await human.getDashboard(uid);
  if (current === undefined) {
    throw new Error(`no dashboard ${uid} to edit`);
  }
  const { [markerKey]: _marker, ...model } = current.dashboard;
  await human.saveDashboard({
    dashboard: edit(model),
    folderUid: current.meta.folderUid ?? '',
    message: 'edited in the UI',
  });
}

function actions(items: readonly PlanItem[]): string[] {
  return items.map((item) => `${item.action} ${item.uid}`);
}

describe('apply against the Grafana emulator', () => {
  const checkout = renderedDashboard({ name: 'checkout', namespace: 'shop' });
  const cart = renderedDashboard({
    name: 'cart',
    namespace: 'shop',
    dashboard: { refresh: '1s' },
  });

  it.each(['k8s', 'legacy'] as const)(
    'makes zero writes and keeps every version on a second apply (%s versioning)',
    async (versioning) => {
      const setup = await harness({ emulator: { versioning } });
      await setup.apply([checkout, cart]);
      const versions = [setup.emulator.dashboard('shop_checkout')?.version,
        setup.emulator.dashboard('shop_cart')?.version];
      setup.emulator.clearRequests();

      const second = await setup.apply([checkout, cart]);

      expect(actions(second.plan.items)).toEqual([
        'unchanged shop_checkout',
        'unchanged shop_cart',
      ]);
      expect(writeLog(setup.emulator)).toEqual([]);
      expect([setup.emulator.dashboard('shop_checkout')?.version,
        setup.emulator.dashboard('shop_cart')?.version]).toEqual(versions);
    },
  );

  it('stamps owner tag and marker, and names the manifest in the version message', async () => {
    const setup = await harness();

    await setup.apply([checkout], { commit: '0123456789abcdef', message: 'release 42' });

    const stored = setup.emulator.dashboard('shop_checkout')?.dashboard;
    expect(stored?.['tags']).toEqual(['team', ownerTag(source)]);
    expect(stored?.[markerKey]).toMatchObject({
      tool: 'dawg',
      source,
      dashboard: 'shop/checkout',
      file: 'dashboards/checkout.yaml',
      commit: '0123456789abcdef',
    });
    const save = setup.emulator.writes().find((request) => request.path === '/api/dashboards/db');
    expect(save?.body).toMatchObject({
      message: 'dawg: shop/checkout from dashboards/checkout.yaml at 0123456789ab: release 42',
      overwrite: false,
    });
  });

  it('updates with the live version and only what changed', async () => {
    const setup = await harness();
    await setup.apply([checkout, cart]);
    const version = setup.emulator.dashboard('shop_checkout')?.version;
    setup.emulator.clearRequests();
    const changed = renderedDashboard({
      name: 'checkout',
      namespace: 'shop',
      dashboard: { description: 'now with a description' },
    });

    const { plan, result } = await setup.apply([changed, cart]);

    expect(actions(plan.items)).toEqual(['update shop_checkout', 'unchanged shop_cart']);
    expect(writeLog(setup.emulator)).toEqual(['POST /api/dashboards/db']);
    expect(setup.emulator.writes()[0]?.body).toMatchObject({ dashboard: { version } });
    expect(result.outcomes[0]).toMatchObject({ status: 'applied' });
  });

  it('makes zero writes while planning, and a read-only client cannot write', async () => {
    const setup = await harness({ readOnly: true });

    const plan = await setup.plan([checkout]);
    const attempt = setup.client.saveDashboard({
      dashboard: { title: 'x' },
      folderUid: '',
      message: '',
    });

    expect(actions(plan.items)).toEqual(['create shop_checkout']);
    await expect(attempt).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(writeLog(setup.emulator)).toEqual([]);
  });

  it('leaves a hand-made dashboard with the same uid untouched', async () => {
    const setup = await harness();
    setup.emulator.seedDashboard({ dashboard: { uid: 'shop_checkout', title: 'Made by hand' } });
    const before = setup.emulator.dashboard('shop_checkout');

    const { plan, result } = await setup.apply([checkout]);

    expect(plan.items[0]).toMatchObject({ action: 'conflict', reason: 'unmanaged' });
    expect(result.outcomes[0]).toMatchObject({
      status: 'failed',
      error: { code: 'GRAFANA_CONFLICT' },
    });
    expect(writeLog(setup.emulator)).toEqual([]);
    expect(setup.emulator.dashboard('shop_checkout')).toEqual(before);
  });

  it('takes over a hand-made dashboard only when it is adopted', async () => {
    const setup = await harness();
    setup.emulator.seedDashboard({ dashboard: { uid: 'shop_checkout', title: 'Made by hand' } });

    const { plan } = await setup.apply([checkout], { adopt: ['shop_checkout'] });

    expect(plan.items[0]).toMatchObject({ action: 'update', cause: 'adopt' });
    const title = setup.emulator.dashboard('shop_checkout')?.dashboard['title'];
    expect(title).toBe('Dashboard checkout');
  });

  it('reports a UI edit as drift and fails it by default, writing nothing', async () => {
    const setup = await harness();
    await setup.apply([checkout]);
    await saveAsHuman(setup, 'shop_checkout', (model) => ({ ...model, title: 'Renamed by hand' }));
    setup.emulator.clearRequests();

    const { plan, result } = await setup.apply([checkout]);

    expect(plan.items[0]).toMatchObject({ action: 'drift', policy: 'fail' });
    expect(result.outcomes[0]).toMatchObject({
      status: 'failed',
      error: { code: 'GRAFANA_DRIFT' },
    });
    expect(writeLog(setup.emulator)).toEqual([]);
    expect(setup.emulator.dashboard('shop_checkout')?.dashboard['title']).toBe('Renamed by hand');
  });

  it('overwrites drift only under --drift overwrite', async () => {
    const setup = await harness();
    await setup.apply([checkout]);
    await saveAsHuman(setup, 'shop_checkout', (model) => ({ ...model, title: 'Renamed by hand' }));

    const { plan } = await setup.apply([checkout], { driftPolicy: 'overwrite' });
    const after = await setup.plan([checkout]);

    expect(plan.items[0]).toMatchObject({ action: 'update', cause: 'overwrite-drift' });
    expect(after.items[0]?.action).toBe('unchanged');
  });

  it('fails an update whose dashboard changed between plan and apply', async () => {
    const setup = await harness();
    await setup.apply([checkout]);
    const changed = renderedDashboard({
      name: 'checkout',
      namespace: 'shop',
      dashboard: { description: 'v2' },
    });
    const plan = await setup.plan([changed]);
    await saveAsHuman(setup, 'shop_checkout', (model) => ({ ...model, title: 'Meanwhile' }));

    const result = await applyPlan(plan, setup.client);

    expect(result.outcomes[0]).toMatchObject({
      status: 'failed',
      error: { code: 'GRAFANA_CONFLICT' },
    });
    expect(setup.emulator.dashboard('shop_checkout')?.dashboard['title']).toBe('Meanwhile');
  });

  it('retries 429 and 500 answers and still writes each dashboard once', async () => {
    const setup = await harness();
    setup.emulator.injectFault({
      method: 'POST',
      path: '/api/dashboards/db',
      status: 429,
      retryAfter: '0',
    });
    setup.emulator.injectFault({ method: 'POST', path: '/api/dashboards/db', status: 500 });
    setup.emulator.injectFault({ method: 'GET', path: '/api/health', status: 503 });

    const { result } = await setup.apply([checkout]);

    expect(result.outcomes[0]).toMatchObject({ status: 'applied' });
    const saves = setup.emulator.requests.filter((request) =>
      request.path === '/api/dashboards/db');
    expect(saves.map((request) => request.status)).toEqual([429, 500, 200]);
    expect(setup.emulator.dashboard('shop_checkout')?.version).toBe(1);
  });

  it('reads through a reset connection by retrying', async () => {
    const setup = await harness();
    setup.emulator.injectFault({
      kind: 'reset',
      method: 'GET',
      path: /^\/api\/dashboards\/uid\//,
      times: 2,
    });

    const plan = await setup.plan([checkout]);

    expect(actions(plan.items)).toEqual(['create shop_checkout']);
    const reads = setup.emulator.requests.filter((request) =>
      request.path === '/api/dashboards/uid/shop_checkout');
    expect(reads.map((request) => request.status)).toEqual([0, 0, 404]);
  });

  it('counts a save that landed before its answer was lost as applied', async () => {
    const setup = await harness();
    await setup.apply([checkout]);
    const changed = renderedDashboard({
      name: 'checkout',
      namespace: 'shop',
      dashboard: { description: 'v2' },
    });
    const plan = await setup.plan([changed]);
    await applyPlan(plan, setup.client);
    setup.emulator.clearRequests();

    const replayed = await applyPlan(plan, setup.client);

    expect(replayed.outcomes[0]).toMatchObject({ status: 'applied' });
    expect(setup.emulator.writes().map((request) => request.status)).toEqual([412]);
  });

  it('passes on Grafana\'s own reason for a 412 on a new dashboard (title taken)', async () => {
    const setup = await harness({ emulator: { uniqueTitles: true, version: '11.2.0' } });
    setup.emulator.seedDashboard({ dashboard: { uid: 'other', title: 'Dashboard checkout' } });

    const { result } = await setup.apply([checkout]);

    expect(result.outcomes[0]).toMatchObject({
      status: 'failed',
      error: { code: 'GRAFANA_CONFLICT', message: expect.stringContaining('same name') },
    });
  });

  it('creates a folder path, parents first, before the dashboard that goes in it', async () => {
    const setup = await harness();
    const nested = renderedDashboard({ name: 'orders', namespace: 'shop', folder: 'Shop/Orders' });

    const { plan } = await setup.apply([nested]);

    expect(plan.folders.map((folder) => folder.path)).toEqual(['Shop', 'Shop/Orders']);
    expect(writeLog(setup.emulator)).toEqual([
      'POST /api/folders',
      'POST /api/folders',
      'POST /api/dashboards/db',
    ]);
    const [parent, child] = setup.emulator.writes();
    expect(parent?.body).toMatchObject({ title: 'Shop' });
    expect(child?.body).toMatchObject({ title: 'Orders', parentUid: plan.folders[0]?.uid });
    expect(setup.emulator.dashboard('shop_orders')?.folderUid).toBe(plan.folders[1]?.uid);
  });

  it('uses an existing folder named by uid or by title, and never changes it', async () => {
    const setup = await harness();
    setup.emulator.seedFolder({ uid: 'ops', title: 'Operations' });
    const byUid = renderedDashboard({ name: 'a', folder: 'ops' });
    const byTitle = renderedDashboard({ name: 'b', folder: 'Operations' });

    await setup.apply([byUid, byTitle]);

    expect(writeLog(setup.emulator)).toEqual([
      'POST /api/dashboards/db',
      'POST /api/dashboards/db',
    ]);
    expect(setup.emulator.dashboard('default_a')?.folderUid).toBe('ops');
    expect(setup.emulator.dashboard('default_b')?.folderUid).toBe('ops');
  });

  it('plans a folder-only move as an update', async () => {
    const setup = await harness();
    setup.emulator.seedFolder({ uid: 'ops', title: 'Operations' });
    await setup.apply([checkout]);
    const moved = renderedDashboard({ name: 'checkout', namespace: 'shop', folder: 'ops' });

    const { plan } = await setup.apply([moved]);

    expect(plan.items[0]).toMatchObject({ action: 'update', cause: 'source', changes: [] });
    expect(setup.emulator.dashboard('shop_checkout')?.folderUid).toBe('ops');
  });

  it('fails the dashboards of an ambiguous folder title and writes the others', async () => {
    const setup = await harness();
    setup.emulator.seedFolder({ uid: 'ops-1', title: 'Ops' });
    setup.emulator.seedFolder({ uid: 'ops-2', title: 'Ops' });
    const ambiguous = renderedDashboard({ name: 'a', folder: 'Ops' });

    const { plan, result } = await setup.apply([ambiguous, checkout]);

    expect(actions(plan.items)).toEqual(['failed default_a', 'create shop_checkout']);
    expect(result.outcomes[1]).toMatchObject({ status: 'applied' });
  });

  it('prunes only this project\'s dashboards, and only with prune', async () => {
    const setup = await harness();
    await setup.apply([checkout, cart]);
    setup.emulator.seedDashboard({ dashboard: { uid: 'by-hand', title: 'By hand' } });
    setup.emulator.seedDashboard({
      dashboard: { uid: 'theirs', title: 'Theirs', tags: [ownerTag('gitlab.com/other/repo')] },
    });

    const kept = await setup.apply([checkout]);
    const pruned = await setup.apply([checkout], { prune: true });

    expect(actions(kept.plan.items)).toEqual(['unchanged shop_checkout', 'orphan shop_cart']);
    expect(actions(pruned.plan.items)).toEqual(['unchanged shop_checkout', 'delete shop_cart']);
    expect(setup.emulator.dashboard('shop_cart')).toBeUndefined();
    expect(setup.emulator.dashboard('by-hand')).toBeDefined();
    expect(setup.emulator.dashboard('theirs')).toBeDefined();
  });

  it('finds what to prune without relying on search-after-write', async () => {
    const setup = await harness({ emulator: { searchDelayMs: 60_000 } });
    await setup.apply([checkout, cart]);

    const second = await setup.plan([checkout, cart]);

    expect(actions(second.items)).toEqual(['unchanged shop_checkout', 'unchanged shop_cart']);
  });

  it('marks a provisioned dashboard as a conflict', async () => {
    const setup = await harness();
    setup.emulator.seedDashboard({
      dashboard: { uid: 'shop_checkout', title: 'From a file' },
      provisioned: true,
    });

    const plan = await setup.plan([checkout]);

    expect(plan.items[0]).toMatchObject({ action: 'conflict', reason: 'provisioned' });
  });
});
