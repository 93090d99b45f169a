import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { callApi } from './call-api.js';
import { startGrafanaEmulator, type GrafanaEmulator } from './grafana-emulator.js';

let grafana: GrafanaEmulator;
const startMs = Date.UTC(2026, 0, 2, 3, 4, 5);

beforeAll(async () => {
  grafana = await startGrafanaEmulator({ now: () => startMs });
});

afterAll(async () => {
  await grafana.close();
});

describe('GET /api/dashboards/uid/:uid', () => {
  it('answers the stored dashboard with the meta keys of Grafana 12', async () => {
    const seeded = grafana.seedDashboard({
      dashboard: { uid: 'meta-root', title: 'Meta root', panels: [] },
      updatedBy: 'alice',
    });

    const answer = await callApi(grafana, { path: '/api/dashboards/uid/meta-root' });

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      dashboard: { id: seeded.id, uid: 'meta-root', version: 1, title: 'Meta root', panels: [] },
      meta: {
        type: 'db',
        canSave: true,
        canEdit: true,
        canAdmin: true,
        canDelete: true,
        canStar: true,
        slug: 'meta-root',
        url: '/d/meta-root/meta-root',
        expires: '0001-01-01T00:00:00Z',
        created: '2026-01-02T03:04:05.000Z',
        updated: '2026-01-02T03:04:05.000Z',
        createdBy: 'alice',
        updatedBy: 'alice',
        version: 1,
        hasAcl: false,
        isFolder: false,
        apiVersion: 'v0alpha1',
        folderId: 0,
        folderUid: '',
        folderTitle: 'General',
        folderUrl: '',
        provisioned: false,
        provisionedExternalId: '',
        annotationsPermissions: {
          dashboard: { canAdd: true, canEdit: true, canDelete: true },
          organization: { canAdd: true, canEdit: true, canDelete: true },
        },
      },
    });
  });

  it('names the folder of a dashboard inside one', async () => {
    grafana.seedFolder({ uid: 'meta-folder', title: 'Team A' });
    grafana.seedDashboard({
      dashboard: { uid: 'meta-in-folder', title: 'In folder' },
      folderUid: 'meta-folder',
      provisioned: true,
    });

    const answer = await callApi(grafana, { path: '/api/dashboards/uid/meta-in-folder' });

    expect(answer.body).toMatchObject({
      meta: {
        folderUid: 'meta-folder',
        folderTitle: 'Team A',
        folderUrl: '/dashboards/f/meta-folder/team-a',
        folderId: expect.any(Number),
        provisioned: true,
      },
    });
  });

  it('answers an unknown uid with 404 Dashboard not found', async () => {
    const answer = await callApi(grafana, { path: '/api/dashboards/uid/never-saved' });

    expect(answer.status).toBe(404);
    expect(answer.contentType).toBe('application/json');
    expect(answer.body).toEqual({ message: 'Dashboard not found', traceID: '' });
  });
});

describe('DELETE /api/dashboards/uid/:uid', () => {
  it('deletes the dashboard and names it in the answer', async () => {
    grafana.seedDashboard({ dashboard: { uid: 'doomed', title: 'Doomed' } });

    const answer = await callApi(grafana, {
      method: 'DELETE',
      path: '/api/dashboards/uid/doomed',
    });

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      title: 'Doomed',
      message: 'Dashboard Doomed deleted',
      uid: 'doomed',
    });
    expect(grafana.dashboard('doomed')).toBeUndefined();
  });

  it('answers an unknown uid with 404', async () => {
    const answer = await callApi(grafana, { method: 'DELETE', path: '/api/dashboards/uid/gone' });

    expect(answer.status).toBe(404);
    expect(answer.contentType).toBe('application/json');
    expect(answer.body).toEqual({ message: 'Dashboard not found' });
  });

  it('refuses to delete a provisioned dashboard', async () => {
    grafana.seedDashboard({ dashboard: { uid: 'kept', title: 'Kept' }, provisioned: true });

    const answer = await callApi(grafana, { method: 'DELETE', path: '/api/dashboards/uid/kept' });

    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ message: 'provisioned dashboard cannot be deleted' });
    expect(grafana.dashboard('kept')).toBeDefined();
  });
});
