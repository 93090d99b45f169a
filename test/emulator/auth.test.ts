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

const invalidToken = {
  message: 'Invalid API key',
  messageId: 'api-key.invalid',
  statusCode: 401,
  traceID: '',
};

describe('authentication', () => {
  it('answers a request without credentials with 401 Unauthorized', async () => {
    const answer = await callApi(grafana, { path: '/api/search', credentials: 'none' });

    expect(answer.status).toBe(401);
    expect(answer.contentType).toBe('application/json');
    expect(answer.body).toEqual({ message: 'Unauthorized' });
  });

  it('answers an unknown Bearer token with the invalid API key body', async () => {
    const answer = await callApi(grafana, {
      path: '/api/search',
      credentials: { token: 'glsa_not-a-real-token' },
    });

    expect(answer.status).toBe(401);
    expect(answer.contentType).toBe('application/json');
    expect(answer.body).toEqual(invalidToken);
  });

  it('accepts a token as Basic auth with the user name api_key', async () => {
    const token = grafana.createToken({ role: 'Editor' });

    const accepted = await callApi(grafana, {
      path: '/api/search',
      credentials: { login: 'api_key', password: token },
    });
    const refused = await callApi(grafana, {
      path: '/api/search',
      credentials: { login: 'api_key', password: 'glsa_wrong' },
    });

    expect(accepted.status).toBe(200);
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual(invalidToken);
  });

  it('accepts the admin user and refuses a wrong password with password-auth.failed', async () => {
    const accepted = await callApi(grafana, {
      path: '/api/search',
      credentials: { login: 'admin', password: 'admin' },
    });
    const refused = await callApi(grafana, {
      path: '/api/search',
      credentials: { login: 'admin', password: 'wrong' },
    });

    expect(accepted.status).toBe(200);
    expect(refused.status).toBe(401);
    expect(refused.contentType).toBe('application/json');
    expect(refused.body).toEqual({
      message: 'Invalid username or password',
      messageId: 'password-auth.failed',
      statusCode: 401,
      traceID: '',
    });
  });

  it('answers a malformed Authorization header with 401 Unauthorized', async () => {
    const answer = await callApi(grafana, {
      path: '/api/search',
      credentials: { authorization: 'Token abc' },
    });

    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ message: 'Unauthorized' });
  });

  it('never records a token or a password', async () => {
    const token = grafana.createToken({ role: 'Admin' });
    grafana.addUser({ login: 'secret-keeper', password: 'pa55-w0rd-xyz', orgs: { 1: 'Editor' } });

    await callApi(grafana, { path: '/api/search', credentials: { token } });
    await callApi(grafana, {
      path: '/api/search',
      credentials: { login: 'secret-keeper', password: 'pa55-w0rd-xyz' },
    });
    await callApi(grafana, {
      path: '/api/search',
      credentials: { login: 'api_key', password: token },
    });

    const recorded = grafana.requests.slice(-3);
    expect(recorded.map((request) => request.auth)).toEqual(['bearer', 'basic', 'basic']);
    const text = JSON.stringify(recorded, (_key, value: unknown) =>
      value instanceof URLSearchParams ? value.toString() : value);
    expect(text).not.toContain(token);
    expect(text).not.toContain('pa55-w0rd-xyz');
    expect(text).not.toContain(Buffer.from(`api_key:${token}`).toString('base64'));
  });
});

describe('org scoping', () => {
  it('answers a token naming another org with 401 organization-mismatch', async () => {
    const orgId = grafana.createOrg('mismatch org');

    const answer = await callApi(grafana, { path: '/api/search', orgId });

    expect(answer.status).toBe(401);
    expect(answer.contentType).toBe('application/json');
    expect(answer.body).toEqual({
      message: 'API key does not belong to the requested organization',
      messageId: 'api-key.organization-mismatch',
      statusCode: 401,
      traceID: '',
    });
    expect(grafana.requests.at(-1)?.orgId).toBe(orgId);
  });

  it('accepts a token naming its own org in X-Grafana-Org-Id', async () => {
    const answer = await callApi(grafana, { path: '/api/search', orgId: 1 });

    expect(answer.status).toBe(200);
  });

  it('keeps each org to its own dashboards and folders', async () => {
    const orgId = grafana.createOrg('isolated org');
    const otherToken = grafana.createToken({ orgId, role: 'Admin' });
    grafana.seedFolder({ uid: 'iso-folder', title: 'Isolated folder' });
    grafana.seedDashboard({ dashboard: { uid: 'iso-main', title: 'Isolated' } });

    const read = await callApi(grafana, {
      path: '/api/dashboards/uid/iso-main',
      credentials: { token: otherToken },
    });
    const search = await callApi(grafana, {
      path: '/api/search?query=isolated',
      credentials: { token: otherToken },
    });
    const saved = await callApi(grafana, {
      method: 'POST',
      path: '/api/dashboards/db',
      credentials: { token: otherToken },
      body: { dashboard: { uid: 'iso-main', title: 'Other org copy' } },
    });

    expect(read.status).toBe(404);
    expect(search.body).toEqual([]);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ uid: 'iso-main', version: 1 });
    expect(grafana.dashboard('iso-main')?.dashboard['title']).toBe('Isolated');
    expect(grafana.dashboard('iso-main', orgId)?.dashboard['title']).toBe('Other org copy');
  });

  it('lets a user act in each org they belong to with the role they have there', async () => {
    const orgId = grafana.createOrg('second org');
    grafana.addUser({
      login: 'two-orgs',
      password: 'pw',
      orgs: { 1: 'Viewer', [orgId]: 'Editor' },
    });
    const credentials = { login: 'two-orgs', password: 'pw' };
    const body = { dashboard: { uid: 'two-orgs-dash', title: 'Two orgs' } };

    const inFirst = await callApi(grafana, {
      method: 'POST',
      path: '/api/dashboards/db',
      credentials,
      body,
    });
    const inSecond = await callApi(grafana, {
      method: 'POST',
      path: '/api/dashboards/db',
      credentials,
      orgId,
      body,
    });
    const outside = await callApi(grafana, { path: '/api/search', credentials, orgId: 999 });

    expect(inFirst.status).toBe(403);
    expect(inSecond.status).toBe(200);
    expect(outside.status).toBe(401);
    expect(outside.body).toEqual({ message: 'Unauthorized' });
  });
});

describe('roles', () => {
  it('answers a Viewer saving a dashboard with 403 Access denied', async () => {
    const token = grafana.createToken({ role: 'Viewer' });

    const answer = await callApi(grafana, {
      method: 'POST',
      path: '/api/dashboards/db',
      credentials: { token },
      body: { dashboard: { uid: 'viewer-save', title: 'Viewer save' } },
    });

    expect(answer.status).toBe(403);
    expect(answer.contentType).toBe('application/json');
    expect(answer.body).toEqual({
      title: 'Access denied',
      message: "You'll need additional permissions to perform this action. "
        + 'Permissions needed: any of dashboards:create, dashboards:write',
      accessErrorId: expect.stringMatching(/^ACE\d{10}$/),
    });
    expect(grafana.dashboard('viewer-save')).toBeUndefined();
  });

  it('lets a Viewer read but not read version history, delete or create folders', async () => {
    const token = grafana.createToken({ role: 'Viewer' });
    grafana.seedDashboard({ dashboard: { uid: 'viewer-read', title: 'Viewer read' } });
    const credentials = { token };

    const read = await callApi(grafana, { path: '/api/dashboards/uid/viewer-read', credentials });
    const versions = await callApi(grafana, {
      path: '/api/dashboards/uid/viewer-read/versions',
      credentials,
    });
    const deleted = await callApi(grafana, {
      method: 'DELETE',
      path: '/api/dashboards/uid/viewer-read',
      credentials,
    });
    const folder = await callApi(grafana, {
      method: 'POST',
      path: '/api/folders',
      credentials,
      body: { title: 'Viewer folder' },
    });

    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ meta: { canSave: false, canEdit: false } });
    expect(versions.status).toBe(403);
    expect(versions.body).toMatchObject({ message: expect.stringContaining('dashboards:write') });
    expect(deleted.status).toBe(403);
    expect(folder.status).toBe(403);
    expect(folder.body).toMatchObject({ title: 'Access denied' });
  });

  it('lets an Editor save dashboards', async () => {
    const token = grafana.createToken({ role: 'Editor' });

    const answer = await callApi(grafana, {
      method: 'POST',
      path: '/api/dashboards/db',
      credentials: { token },
      body: { dashboard: { uid: 'editor-save', title: 'Editor save' } },
    });

    expect(answer.status).toBe(200);
    expect(grafana.dashboard('editor-save')?.version).toBe(1);
  });
});
