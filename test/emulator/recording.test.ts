import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { callApi } from './call-api.js';
import { startGrafanaEmulator, type GrafanaEmulator } from './grafana-emulator.js';

let grafana: GrafanaEmulator;

beforeAll(async () => {
  grafana = await startGrafanaEmulator();
});

afterAll(async () => {
  await grafana.close();
});

describe('request log', () => {
  it('records method, path, query, org header, auth kind, parsed body and status', async () => {
    grafana.clearRequests();

    await callApi(grafana, { path: '/api/search?type=dash-db&tag=a&tag=b', orgId: 1 });
    await callApi(grafana, {
      method: 'POST',
      path: '/api/dashboards/db',
      body: { dashboard: { uid: 'logged', title: 'Logged' }, message: 'why' },
    });
    await callApi(grafana, {
      method: 'POST',
      path: '/api/dashboards/db',
      rawBody: 'not json',
    });

    const [search, save, broken] = grafana.requests;
    expect(grafana.requests).toHaveLength(3);
    expect(search).toMatchObject({ method: 'GET', path: '/api/search', orgId: 1, status: 200 });
    expect(search?.query.getAll('tag')).toEqual(['a', 'b']);
    expect(save).toMatchObject({
      method: 'POST',
      path: '/api/dashboards/db',
      orgId: undefined,
      auth: 'bearer',
      body: { dashboard: { uid: 'logged', title: 'Logged' }, message: 'why' },
      status: 200,
    });
    expect(broken).toMatchObject({ body: undefined, status: 400 });
  });

  it('lists only writes in writes() and does not record seeding', async () => {
    grafana.clearRequests();
    grafana.seedDashboard({ dashboard: { uid: 'seeded-quietly', title: 'Quiet' } });

    await callApi(grafana, { path: '/api/dashboards/uid/seeded-quietly' });
    await callApi(grafana, { method: 'DELETE', path: '/api/dashboards/uid/seeded-quietly' });

    expect(grafana.requests.map((request) => request.method)).toEqual(['GET', 'DELETE']);
    expect(grafana.writes()).toEqual([
      expect.objectContaining({ method: 'DELETE', path: '/api/dashboards/uid/seeded-quietly' }),
    ]);
  });

  it('serves each emulator on its own port', async () => {
    const other = await startGrafanaEmulator();
    try {
      expect(other.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(other.url).not.toBe(grafana.url);
      expect(other.adminToken).not.toBe(grafana.adminToken);
    } finally {
      await other.close();
    }
  });
});
