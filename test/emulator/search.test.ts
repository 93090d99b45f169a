import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { callApi } from './call-api.js';
import { startGrafanaEmulator, type GrafanaEmulator } from './grafana-emulator.js';

let grafana: GrafanaEmulator;
let clockMs = Date.UTC(2026, 5, 1);

beforeAll(async () => {
  grafana = await startGrafanaEmulator({ searchDelayMs: 1_000, now: () => clockMs });
});

afterAll(async () => {
  await grafana.close();
});

/** Each test searches its own org, so the tests do not see each other's dashboards. */
function createOrg(name: string): { readonly orgId: number; readonly token: string } {
  const orgId = grafana.createOrg(name);
  return { orgId, token: grafana.createToken({ orgId, role: 'Editor' }) };
}

async function search(token: string, query: string): Promise<Record<string, unknown>[]> {
  const answer = await callApi(grafana, { path: `/api/search${query}`, credentials: { token } });
  expect(answer.status).toBe(200);
  return answer.body as Record<string, unknown>[];
}

function titles(hits: readonly Record<string, unknown>[]): unknown[] {
  return hits.map((hit) => hit['title']);
}

describe('GET /api/search', () => {
  it('answers a bare array, folders first, then titles in any case, tags sorted', async () => {
    const { orgId, token } = createOrg('search order');
    grafana.seedFolder({ orgId, uid: 'ops', title: 'Ops' });
    grafana.seedDashboard({ orgId, dashboard: { uid: 'b', title: 'beta', tags: ['z', 'a'] } });
    grafana.seedDashboard({ orgId, dashboard: { uid: 'a', title: 'Alpha' }, folderUid: 'ops' });

    const hits = await search(token, '');

    expect(titles(hits)).toEqual(['Ops', 'Alpha', 'beta']);
    expect(hits[0]).toEqual({
      id: expect.any(Number),
      uid: 'ops',
      orgId,
      title: 'Ops',
      uri: 'db/ops',
      url: '/dashboards/f/ops/ops',
      slug: 'ops',
      type: 'dash-folder',
      tags: [],
      isStarred: false,
      sortMeta: 0,
      isDeleted: false,
    });
    expect(hits[1]).toMatchObject({
      type: 'dash-db',
      url: '/d/a/alpha',
      folderId: hits[0]?.['id'],
      folderUid: 'ops',
      folderTitle: 'Ops',
      folderUrl: '/dashboards/f/ops/ops',
    });
    expect(hits[2]).toMatchObject({ tags: ['a', 'z'] });
    expect(Object.keys(hits[2] ?? {})).not.toContain('folderUid');
  });

  it('filters by type, query, every tag, folder and dashboard uid', async () => {
    const { orgId, token } = createOrg('search filters');
    grafana.seedFolder({ orgId, uid: 'team', title: 'Team CPU' });
    grafana.seedDashboard({
      orgId,
      dashboard: { uid: 'c1', title: 'CPU load', tags: ['a', 'b'] },
    });
    grafana.seedDashboard({ orgId, dashboard: { uid: 'c2', title: 'cpu idle', tags: ['a'] } });
    grafana.seedDashboard({
      orgId,
      dashboard: { uid: 'm1', title: 'Memory' },
      folderUid: 'team',
    });

    expect(titles(await search(token, '?type=dash-db&query=cPu')))
      .toEqual(['cpu idle', 'CPU load']);
    expect(titles(await search(token, '?type=dash-folder'))).toEqual(['Team CPU']);
    expect(titles(await search(token, '?tag=a&tag=b'))).toEqual(['CPU load']);
    expect(titles(await search(token, '?folderUIDs=team'))).toEqual(['Memory']);
    expect(titles(await search(token, '?type=dash-db&folderUIDs=general')))
      .toEqual(['cpu idle', 'CPU load']);
    expect(titles(await search(token, '?dashboardUIDs=m1&dashboardUIDs=c2')))
      .toEqual(['cpu idle', 'Memory']);
  });

  it('pages with limit and a 1-based page, treating bad values as defaults', async () => {
    const { orgId, token } = createOrg('search pages');
    for (const title of ['d1', 'd2', 'd3', 'd4', 'd5']) {
      grafana.seedDashboard({ orgId, dashboard: { uid: title, title } });
    }

    expect(titles(await search(token, '?limit=2&page=1'))).toEqual(['d1', 'd2']);
    expect(titles(await search(token, '?limit=2&page=3'))).toEqual(['d5']);
    expect(titles(await search(token, '?limit=2&page=4'))).toEqual([]);
    expect(titles(await search(token, '?limit=0&page=0'))).toHaveLength(5);
  });

  it('answers a limit above 5000 with 422', async () => {
    const answer = await callApi(grafana, { path: '/api/search?limit=5001' });

    expect(answer.status).toBe(422);
    expect(answer.contentType).toBe('application/json');
    expect(answer.body).toEqual({
      message: 'Limit is above maximum allowed (5000), '
        + 'use page parameter to access hits beyond limit',
    });
  });

  it('leaves out dashboards saved within the search delay, while reads see them', async () => {
    const { token } = createOrg('search delay');
    const credentials = { token };
    await callApi(grafana, {
      method: 'POST',
      path: '/api/dashboards/db',
      credentials,
      body: { dashboard: { uid: 'fresh', title: 'Fresh' } },
    });

    const hidden = await search(token, '?query=fresh');
    const read = await callApi(grafana, { path: '/api/dashboards/uid/fresh', credentials });
    clockMs += 1_000;
    const shown = await search(token, '?query=fresh');

    expect(hidden).toEqual([]);
    expect(read.status).toBe(200);
    expect(titles(shown)).toEqual(['Fresh']);
  });
});
