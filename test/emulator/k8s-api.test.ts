import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { callApi, type ApiAnswer } from './call-api.js';
import { startGrafanaEmulator, type GrafanaEmulator } from './grafana-emulator.js';

let grafana: GrafanaEmulator;
const base = '/apis/dashboard.grafana.app/v1beta1/namespaces/default/dashboards';

beforeAll(async () => {
  grafana = await startGrafanaEmulator();
});

afterAll(async () => {
  await grafana.close();
});

interface DashboardObject {
  readonly metadata: {
    readonly name: string;
    readonly resourceVersion: string;
    readonly generation: number;
    readonly annotations: Record<string, string>;
    readonly labels: Record<string, string>;
  };
  readonly spec: Record<string, unknown>;
}

function dashboardObject(
  name: string,
  spec: Record<string, unknown>,
  metadata: Record<string, unknown> = {},
): unknown {
  return {
    apiVersion: 'dashboard.grafana.app/v1beta1',
    kind: 'Dashboard',
    metadata: { name, ...metadata },
    spec,
  };
}

function create(body: unknown): Promise<ApiAnswer> {
  return callApi(grafana, { method: 'POST', path: base, body });
}

function statusOf(reason: string, code: number, message: string, name: string): unknown {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    details: { name, group: 'dashboard.grafana.app', kind: 'dashboards' },
    code,
  };
}

describe('/apis dashboards create and get', () => {
  it('creates with 201, strips id, uid and version, and sets server metadata', async () => {
    const answer = await create(dashboardObject('k8s-new', {
      title: 'K8s new',
      id: 5,
      uid: 'ignored',
      version: 3,
    }, { annotations: { 'grafana.app/message': 'first', 'grafana.app/managerId': 'dawg' } }));

    expect(answer.status).toBe(201);
    const object = answer.body as DashboardObject;
    expect(object.spec).toEqual({ title: 'K8s new' });
    expect(object.metadata).toMatchObject({
      name: 'k8s-new',
      namespace: 'default',
      generation: 1,
      resourceVersion: expect.stringMatching(/^\d+$/),
      labels: { 'grafana.app/deprecatedInternalID': String(grafana.dashboard('k8s-new')?.id) },
      annotations: {
        'grafana.app/message': 'first',
        'grafana.app/managerId': 'dawg',
        'grafana.app/createdBy': 'sa-1-admin',
        'grafana.app/updatedTimestamp': expect.any(String),
      },
    });
    expect(grafana.dashboard('k8s-new')?.dashboard).toMatchObject({ uid: 'k8s-new', version: 1 });
  });

  it('answers a taken name with 409 AlreadyExists', async () => {
    await create(dashboardObject('k8s-taken', { title: 'Taken' }));

    const answer = await create(dashboardObject('k8s-taken', { title: 'Taken again' }));

    expect(answer.status).toBe(409);
    expect(answer.contentType).toBe('application/json');
    expect(answer.body).toEqual(statusOf(
      'AlreadyExists',
      409,
      'dashboards.dashboard.grafana.app "k8s-taken" already exists',
      'k8s-taken',
    ));
  });

  it('answers a missing dashboard with a 404 Status', async () => {
    const answer = await callApi(grafana, { path: `${base}/k8s-missing` });

    expect(answer.status).toBe(404);
    expect(answer.body).toEqual(statusOf(
      'NotFound',
      404,
      'dashboards.dashboard.grafana.app "k8s-missing" not found',
      'k8s-missing',
    ));
  });

  it('shows a dashboard saved through the legacy API with its folder annotation', async () => {
    grafana.seedFolder({ uid: 'k8s-folder', title: 'K8s folder' });
    grafana.seedDashboard({
      dashboard: { uid: 'k8s-legacy', title: 'Legacy' },
      folderUid: 'k8s-folder',
      message: 'seeded',
    });

    const answer = await callApi(grafana, { path: `${base}/k8s-legacy` });

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      metadata: {
        name: 'k8s-legacy',
        generation: 1,
        annotations: { 'grafana.app/folder': 'k8s-folder', 'grafana.app/message': 'seeded' },
      },
      spec: { title: 'Legacy' },
    });
  });

  it('refuses an empty title, a refresh below the minimum and a missing folder', async () => {
    const empty = await create(dashboardObject('k8s-empty', { title: ' ' }));
    const fast = await create(dashboardObject('k8s-fast', { title: 'Fast', refresh: '1s' }));
    const lost = await create(dashboardObject('k8s-lost', { title: 'Lost' }, {
      annotations: { 'grafana.app/folder': 'no-such-folder' },
    }));

    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ reason: 'BadRequest' });
    expect(fast.status).toBe(400);
    expect(fast.body).toMatchObject({ message: 'Dashboard refresh interval is too low' });
    expect(lost.status).toBe(404);
    expect(lost.body).toMatchObject({
      reason: 'NotFound',
      details: { name: 'no-such-folder', group: 'folder.grafana.app', kind: 'folders' },
    });
  });
});

describe('/apis dashboards update', () => {
  it('checks resourceVersion: stale is 409 Conflict, empty is unconditional', async () => {
    const created = await create(dashboardObject('k8s-locked', { title: 'Locked' }));
    const resourceVersion = (created.body as DashboardObject).metadata.resourceVersion;

    const current = await callApi(grafana, {
      method: 'PUT',
      path: `${base}/k8s-locked`,
      body: dashboardObject('k8s-locked', { title: 'Locked 2' }, { resourceVersion }),
    });
    const stale = await callApi(grafana, {
      method: 'PUT',
      path: `${base}/k8s-locked`,
      body: dashboardObject('k8s-locked', { title: 'Locked 3' }, { resourceVersion }),
    });
    const unconditional = await callApi(grafana, {
      method: 'PUT',
      path: `${base}/k8s-locked`,
      body: dashboardObject('k8s-locked', { title: 'Locked 4' }),
    });

    expect(current.status).toBe(200);
    expect((current.body as DashboardObject).metadata.generation).toBe(2);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ reason: 'Conflict', code: 409 });
    expect(unconditional.status).toBe(200);
    expect((unconditional.body as DashboardObject).metadata.generation).toBe(3);
  });

  it('keeps the generation when the spec is unchanged, and creates a missing name', async () => {
    await create(dashboardObject('k8s-same', { title: 'Same', panels: [] }));

    const same = await callApi(grafana, {
      method: 'PUT',
      path: `${base}/k8s-same`,
      body: dashboardObject('k8s-same', { panels: [], title: 'Same' }),
    });
    const created = await callApi(grafana, {
      method: 'PUT',
      path: `${base}/k8s-put-new`,
      body: dashboardObject('k8s-put-new', { title: 'Put new' }),
    });

    expect(same.status).toBe(200);
    expect((same.body as DashboardObject).metadata.generation).toBe(1);
    expect(created.status).toBe(201);
  });

  it('refuses to change the manager identity with 403, but allows removing it', async () => {
    const manager = { 'grafana.app/managedBy': 'kubectl', 'grafana.app/managerId': 'dawg' };
    await create(dashboardObject('k8s-managed', { title: 'Managed' }, { annotations: manager }));

    const taken = await callApi(grafana, {
      method: 'PUT',
      path: `${base}/k8s-managed`,
      body: dashboardObject('k8s-managed', { title: 'Managed' }, {
        annotations: { 'grafana.app/managedBy': 'terraform', 'grafana.app/managerId': 'tf' },
      }),
    });
    const released = await callApi(grafana, {
      method: 'PUT',
      path: `${base}/k8s-managed`,
      body: dashboardObject('k8s-managed', { title: 'Managed' }),
    });

    expect(taken.status).toBe(403);
    expect(taken.body).toMatchObject({
      reason: 'Forbidden',
      message: 'Cannot change resource manager kind/identity; '
        + 'remove the existing manager first, then add the new one',
    });
    expect(released.status).toBe(200);
  });
});

describe('/apis dashboards list and delete', () => {
  it('pages the list with limit and continue, 50 per page by default', async () => {
    const orgId = grafana.createOrg('k8s list');
    const token = grafana.createToken({ orgId });
    for (let index = 0; index < 53; index += 1) {
      const uid = `list-${String(index).padStart(2, '0')}`;
      grafana.seedDashboard({ orgId, dashboard: { uid, title: uid } });
    }
    const path = `/apis/dashboard.grafana.app/v1beta1/namespaces/org-${orgId}/dashboards`;

    const first = await callApi(grafana, { path, credentials: { token } });
    const token2 = (first.body as { metadata: { continue: string } }).metadata.continue;
    const second = await callApi(grafana, {
      path: `${path}?continue=${token2}`,
      credentials: { token },
    });
    const limited = await callApi(grafana, { path: `${path}?limit=2`, credentials: { token } });

    const names = (body: unknown): string[] =>
      (body as { items: DashboardObject[] }).items.map((item) => item.metadata.name);
    expect(first.body).toMatchObject({ kind: 'DashboardList' });
    expect(names(first.body)).toHaveLength(50);
    expect(names(second.body)).toEqual(['list-50', 'list-51', 'list-52']);
    expect(second.body).toMatchObject({ metadata: { resourceVersion: expect.any(String) } });
    expect((second.body as { metadata: object }).metadata).not.toHaveProperty('continue');
    expect(names(limited.body)).toEqual(['list-00', 'list-01']);
  });

  it('deletes with a Success Status and refuses provisioned dashboards', async () => {
    await create(dashboardObject('k8s-doomed', { title: 'Doomed' }));
    grafana.seedDashboard({ dashboard: { uid: 'k8s-prov', title: 'Prov' }, provisioned: true });

    const deleted = await callApi(grafana, { method: 'DELETE', path: `${base}/k8s-doomed` });
    const refused = await callApi(grafana, { method: 'DELETE', path: `${base}/k8s-prov` });

    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      details: {
        name: 'k8s-doomed',
        group: 'dashboard.grafana.app',
        kind: 'dashboards',
        uid: expect.any(String),
      },
    });
    expect(refused.status).toBe(400);
    expect(grafana.dashboard('k8s-doomed')).toBeUndefined();
  });
});

describe('/apis access', () => {
  it('answers anonymous calls with 401, other orgs and Viewer writes with 403', async () => {
    const viewer = grafana.createToken({ role: 'Viewer' });

    const anonymous = await callApi(grafana, { path: base, credentials: 'none' });
    const otherOrg = await callApi(grafana, {
      path: '/apis/dashboard.grafana.app/v1beta1/namespaces/org-77/dashboards',
    });
    const viewerWrite = await callApi(grafana, {
      method: 'POST',
      path: base,
      credentials: { token: viewer },
      body: dashboardObject('k8s-viewer', { title: 'Viewer' }),
    });

    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toEqual({ message: 'Unauthorized' });
    expect(otherOrg.status).toBe(403);
    expect(otherOrg.body).toMatchObject({ kind: 'Status', reason: 'Forbidden' });
    expect(viewerWrite.status).toBe(403);
    expect(viewerWrite.body).toMatchObject({ kind: 'Status', reason: 'Forbidden', code: 403 });
  });

  it('refuses dryRun rather than writing', async () => {
    const answer = await callApi(grafana, {
      method: 'POST',
      path: `${base}?dryRun=All`,
      body: dashboardObject('k8s-dry', { title: 'Dry' }),
    });

    expect(answer.status).toBe(400);
    expect(grafana.dashboard('k8s-dry')).toBeUndefined();
  });
});
