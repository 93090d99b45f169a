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

async function saveVersions(uid: string, count: number): Promise<void> {
  for (let version = 1; version <= count; version += 1) {
    await callApi(grafana, {
      method: 'POST',
      path: '/api/dashboards/db',
      body: {
        dashboard: { uid, title: `Step ${version}`, version: version - 1 },
        message: `step ${version}`,
      },
    });
  }
}

describe('GET /api/dashboards/uid/:uid/versions', () => {
  it('lists versions newest first and shows the first as Initial save', async () => {
    await saveVersions('history', 3);

    const answer = await callApi(grafana, { path: '/api/dashboards/uid/history/versions' });

    expect(answer.status).toBe(200);
    const body = answer.body as { continueToken: string; versions: Record<string, unknown>[] };
    expect(body.continueToken).toBe('');
    expect(body.versions.map((entry) => [entry['version'], entry['message']])).toEqual([
      [3, 'step 3'],
      [2, 'step 2'],
      [1, 'Initial save'],
    ]);
    expect(body.versions[0]).toEqual({
      id: expect.any(Number),
      dashboardId: grafana.dashboard('history')?.id,
      uid: 'history',
      parentVersion: 2,
      restoredFrom: 0,
      version: 3,
      created: expect.any(String),
      createdBy: 'sa-1-admin',
      message: 'step 3',
    });
  });

  it('pages with limit and start, and with the continue token', async () => {
    await saveVersions('paged-history', 5);

    const first = await callApi(grafana, {
      path: '/api/dashboards/uid/paged-history/versions?limit=2',
    });
    const token = (first.body as { continueToken: string }).continueToken;
    const second = await callApi(grafana, {
      path: `/api/dashboards/uid/paged-history/versions?limit=2&continueToken=${token}`,
    });
    const byStart = await callApi(grafana, {
      path: '/api/dashboards/uid/paged-history/versions?limit=2&start=4',
    });

    const versionsOf = (body: unknown): unknown[] =>
      (body as { versions: { version: number }[] }).versions.map((entry) => entry.version);
    expect(versionsOf(first.body)).toEqual([5, 4]);
    expect(token).not.toBe('');
    expect(versionsOf(second.body)).toEqual([3, 2]);
    expect(byStart.body).toEqual({ continueToken: '', versions: [expect.any(Object)] });
  });

  it('answers an unknown dashboard with 404', async () => {
    const answer = await callApi(grafana, { path: '/api/dashboards/uid/no-history/versions' });

    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ message: 'Dashboard not found' });
  });
});

describe('GET /api/dashboards/uid/:uid/versions/:version', () => {
  it('answers one version with its raw message and its data', async () => {
    await saveVersions('one-version', 2);

    const answer = await callApi(grafana, { path: '/api/dashboards/uid/one-version/versions/1' });

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      version: 1,
      parentVersion: 0,
      message: 'step 1',
      data: { uid: 'one-version', title: 'Step 1', version: 1, id: expect.any(Number) },
    });
  });

  it('answers an unknown version with 500, as Grafana 12 does', async () => {
    await saveVersions('missing-version', 1);
    const id = grafana.dashboard('missing-version')?.id;

    const answer = await callApi(grafana, {
      path: '/api/dashboards/uid/missing-version/versions/9',
    });

    expect(answer.status).toBe(500);
    expect(answer.contentType).toBe('application/json');
    expect(answer.body).toEqual({
      message: `Dashboard version 9 not found for dashboardId ${id}`,
      traceID: '',
    });
  });
});

describe('POST /api/dashboards/uid/:uid/restore', () => {
  it('saves the old version again as a new version noted as a restore', async () => {
    await saveVersions('restored', 2);

    const answer = await callApi(grafana, {
      method: 'POST',
      path: '/api/dashboards/uid/restored/restore',
      body: { version: 1 },
    });
    const list = await callApi(grafana, { path: '/api/dashboards/uid/restored/versions' });

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'success', uid: 'restored', version: 3 });
    expect(grafana.dashboard('restored')?.dashboard['title']).toBe('Step 1');
    expect((list.body as { versions: unknown[] }).versions[0]).toMatchObject({
      version: 3,
      restoredFrom: 1,
      message: 'Restored from version 1',
    });
  });

  it('answers an unknown version with 404', async () => {
    await saveVersions('restore-missing', 1);

    const answer = await callApi(grafana, {
      method: 'POST',
      path: '/api/dashboards/uid/restore-missing/restore',
      body: { version: 5 },
    });

    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ message: 'Dashboard version not found' });
  });
});
