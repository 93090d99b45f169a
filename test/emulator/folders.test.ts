import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { callApi, type ApiAnswer } from './call-api.js';
import { startGrafanaEmulator, type GrafanaEmulator } from './grafana-emulator.js';

let grafana: GrafanaEmulator;

beforeAll(async () => {
  grafana = await startGrafanaEmulator();
});

afterAll(async () => {
  await grafana.close();
});

const folderNotFound = { status: 'not-found', message: 'folder not found' };

function createFolder(body: unknown, target: GrafanaEmulator = grafana): Promise<ApiAnswer> {
  return callApi(target, { method: 'POST', path: '/api/folders', body });
}

describe('GET /api/folders', () => {
  it('lists the immediate children of the root or of parentUid, by title', async () => {
    const orgId = grafana.createOrg('folder list');
    const token = grafana.createToken({ orgId });
    grafana.seedFolder({ orgId, uid: 'z-top', title: 'Zulu' });
    grafana.seedFolder({ orgId, uid: 'a-top', title: 'alpha' });
    grafana.seedFolder({ orgId, uid: 'child', title: 'Child', parentUid: 'a-top' });

    const root = await callApi(grafana, { path: '/api/folders', credentials: { token } });
    const children = await callApi(grafana, {
      path: '/api/folders?parentUid=a-top',
      credentials: { token },
    });
    const paged = await callApi(grafana, {
      path: '/api/folders?limit=1&page=2',
      credentials: { token },
    });

    expect(root.status).toBe(200);
    expect(root.body).toEqual([
      { id: expect.any(Number), uid: 'a-top', title: 'alpha' },
      { id: expect.any(Number), uid: 'z-top', title: 'Zulu' },
    ]);
    expect(children.body).toEqual([
      { id: expect.any(Number), uid: 'child', title: 'Child', parentUid: 'a-top' },
    ]);
    expect(paged.body).toEqual([expect.objectContaining({ uid: 'z-top' })]);
  });
});

describe('GET /api/folders/:uid', () => {
  it('answers the folder with its parents', async () => {
    grafana.seedFolder({ uid: 'get-parent', title: 'Parent' });
    grafana.seedFolder({ uid: 'get-child', title: 'Child', parentUid: 'get-parent' });

    const answer = await callApi(grafana, { path: '/api/folders/get-child' });

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      uid: 'get-child',
      title: 'Child',
      orgId: 1,
      url: '/dashboards/f/get-child/child',
      version: 1,
      parentUid: 'get-parent',
      parents: [expect.objectContaining({ uid: 'get-parent', title: 'Parent' })],
      canSave: true,
      hasAcl: false,
    });
  });

  it('answers an unknown folder with 404 not-found', async () => {
    const answer = await callApi(grafana, { path: '/api/folders/no-such-folder' });

    expect(answer.status).toBe(404);
    expect(answer.contentType).toBe('application/json');
    expect(answer.body).toEqual(folderNotFound);
  });
});

describe('POST /api/folders', () => {
  it('creates a folder, nested under parentUid', async () => {
    await createFolder({ uid: 'made-parent', title: 'Made parent' });

    const answer = await createFolder({
      uid: 'made-child',
      title: ' Made child ',
      parentUid: 'made-parent',
    });

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      id: expect.any(Number),
      uid: 'made-child',
      title: 'Made child',
      version: 1,
      parentUid: 'made-parent',
      createdBy: 'sa-1-admin',
    });
    expect(grafana.folders()).toContainEqual({
      uid: 'made-child',
      title: 'Made child',
      parentUid: 'made-parent',
      version: 1,
    });
  });

  it('answers a duplicate uid with 409 by default', async () => {
    await createFolder({ uid: 'twice', title: 'Twice' });

    const answer = await createFolder({ uid: 'twice', title: 'Twice again' });

    expect(answer.status).toBe(409);
    expect(answer.contentType).toBe('application/json');
    expect(answer.body).toEqual({
      message: 'a folder/dashboard with the same uid already exists',
    });
  });

  it('answers a duplicate uid with 412 version-mismatch when switched', async () => {
    const emulator = await startGrafanaEmulator({ folderDuplicateStatus: 412 });
    try {
      await createFolder({ uid: 'twice', title: 'Twice' }, emulator);

      const answer = await createFolder({ uid: 'twice', title: 'Twice' }, emulator);

      expect(answer.status).toBe(412);
      expect(answer.body).toEqual({
        status: 'version-mismatch',
        message: 'the folder has been changed by someone else',
      });
    } finally {
      await emulator.close();
    }
  });

  it('refuses an empty title, a bad uid and a missing parent', async () => {
    const empty = await createFolder({ uid: 'no-title', title: '  ' });
    const badUid = await createFolder({ uid: 'a b', title: 'Bad uid' });
    const orphan = await createFolder({ uid: 'orphan', title: 'Orphan', parentUid: 'nowhere' });

    expect(empty.status).toBe(400);
    expect(empty.body).toEqual({ message: 'folder title cannot be empty' });
    expect(badUid.status).toBe(400);
    expect(badUid.body).toEqual({ message: 'uid contains illegal characters' });
    expect(orphan.status).toBe(404);
    expect(orphan.body).toEqual(folderNotFound);
  });

  it('refuses a folder deeper than the depth limit of 8', async () => {
    let parentUid = '';
    for (let depth = 1; depth <= 8; depth += 1) {
      const uid = `deep-${depth}`;
      const answer = await createFolder({ uid, title: `Deep ${depth}`, parentUid });
      expect(answer.status).toBe(200);
      parentUid = uid;
    }

    const answer = await createFolder({ uid: 'deep-9', title: 'Deep 9', parentUid });

    expect(answer.status).toBe(400);
    expect(answer.contentType).toBe('application/json');
    expect(answer.body).toEqual({
      message: 'Maximum nested folder depth reached',
      messageId: 'folder.maximum-depth-reached',
      statusCode: 400,
      traceID: '',
    });
  });
});

describe('PUT /api/folders/:uid', () => {
  it('renames with the current version and refuses a stale one with 412', async () => {
    await createFolder({ uid: 'renamed', title: 'Old name' });

    const renamed = await callApi(grafana, {
      method: 'PUT',
      path: '/api/folders/renamed',
      body: { title: 'New name', version: 1 },
    });
    const stale = await callApi(grafana, {
      method: 'PUT',
      path: '/api/folders/renamed',
      body: { title: 'Newer name', version: 1 },
    });
    const forced = await callApi(grafana, {
      method: 'PUT',
      path: '/api/folders/renamed',
      body: { title: 'Forced name', version: 1, overwrite: true },
    });

    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ title: 'New name', version: 2 });
    expect(stale.status).toBe(412);
    expect(stale.body).toEqual({
      status: 'version-mismatch',
      message: 'the folder has been changed by someone else',
    });
    expect(forced.body).toMatchObject({ title: 'Forced name', version: 3 });
  });

  it('answers an unknown folder with 404', async () => {
    const answer = await callApi(grafana, {
      method: 'PUT',
      path: '/api/folders/never-made',
      body: { title: 'x', version: 1 },
    });

    expect(answer.status).toBe(404);
    expect(answer.body).toEqual(folderNotFound);
  });
});

describe('DELETE /api/folders/:uid', () => {
  it('deletes the folder with its subfolders and their dashboards', async () => {
    grafana.seedFolder({ uid: 'cascade', title: 'Cascade' });
    grafana.seedFolder({ uid: 'cascade-sub', title: 'Sub', parentUid: 'cascade' });
    grafana.seedDashboard({
      dashboard: { uid: 'in-sub', title: 'In sub' },
      folderUid: 'cascade-sub',
    });
    grafana.seedDashboard({ dashboard: { uid: 'outside', title: 'Outside' } });

    const answer = await callApi(grafana, { method: 'DELETE', path: '/api/folders/cascade' });
    const again = await callApi(grafana, { method: 'DELETE', path: '/api/folders/cascade' });

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ message: 'Folder deleted' });
    expect(grafana.folders().map((folder) => folder.uid)).not.toContain('cascade-sub');
    expect(grafana.dashboard('in-sub')).toBeUndefined();
    expect(grafana.dashboard('outside')).toBeDefined();
    expect(again.status).toBe(404);
    expect(again.body).toEqual(folderNotFound);
  });
});
