import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import { checkGrafana } from '../../src/grafana/check-grafana.js';
import { createGrafanaClient, type GrafanaClient } from '../../src/grafana/client.js';
import type { GrafanaCredentials } from '../../src/grafana/authenticate.js';
import { createMemoryLogger } from '../../src/log.js';
import { startGrafanaEmulator, type GrafanaEmulator } from '../emulator/grafana-emulator.js';

const emulators: GrafanaEmulator[] = [];
const clients: GrafanaClient[] = [];
const noWait = async (): Promise<void> => undefined;

async function emulator(options?: Parameters<typeof startGrafanaEmulator>[0]) {
  const started = await startGrafanaEmulator(options);
  emulators.push(started);
  return started;
}

function client(url: string, credentials: GrafanaCredentials, orgId?: number): GrafanaClient {
  const created = createGrafanaClient({
    url,
    credentials,
    orgId,
    retry: { sleep: noWait, retries: 1 },
  });
  clients.push(created);
  return created;
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((created) => created.close()));
  await Promise.all(emulators.splice(0).map((started) => started.close()));
});

describe('checkGrafana', () => {
  it('accepts a healthy, recent Grafana and working credentials', async () => {
    const grafana = await emulator({ version: '12.1.0' });
    const token = grafana.createToken({ orgId: 1, role: 'Editor' });

    const info = await checkGrafana(client(grafana.url, { kind: 'token', token }));

    expect(info.version).toEqual({ major: 12, minor: 1, patch: 0 });
  });

  it('says a wrong URL is unreachable and names the host', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));

    const check = checkGrafana(client(`http://127.0.0.1:${port}`, { kind: 'token', token: 't' }));

    await expect(check).rejects.toMatchObject({
      code: 'GRAFANA_UNREACHABLE',
      message: expect.stringContaining(`127.0.0.1:${port}`),
    });
  });

  it('says a URL that is not Grafana\'s root answers with something else', async () => {
    const grafana = await emulator();

    const wrongPath = client(`${grafana.url}/not-grafana`, { kind: 'token', token: 't' });

    const check = checkGrafana(wrongPath);

    await expect(check).rejects.toMatchObject({ code: 'GRAFANA' });
  });

  it('refuses a bad token with GRAFANA_AUTH and never shows the token', async () => {
    const grafana = await emulator();

    const check = checkGrafana(client(grafana.url, { kind: 'token', token: 'glsa_wrong' }));

    await expect(check).rejects.toMatchObject({
      code: 'GRAFANA_AUTH',
      message: expect.not.stringContaining('glsa_wrong'),
      hint: expect.stringContaining('--grafana-token'),
    });
  });

  it('explains a token used for another org', async () => {
    const grafana = await emulator();
    const token = grafana.createToken({ orgId: 1, role: 'Editor' });

    const check = checkGrafana(client(grafana.url, { kind: 'token', token }, 2));

    await expect(check).rejects.toMatchObject({
      code: 'GRAFANA_AUTH',
      hint: expect.stringContaining('another organisation'),
    });
  });

  it('accepts basic auth and explains a wrong password', async () => {
    const grafana = await emulator();
    const good = client(grafana.url, { kind: 'basic', user: 'admin', password: 'admin' });
    const bad = client(grafana.url, { kind: 'basic', user: 'admin', password: 'nope' });

    await expect(checkGrafana(good)).resolves.toBeDefined();
    await expect(checkGrafana(bad)).rejects.toMatchObject({
      code: 'GRAFANA_AUTH',
      hint: expect.stringContaining('--grafana-password'),
    });
  });

  it('refuses a Grafana older than 9.0', async () => {
    const grafana = await emulator({ version: '8.5.27' });
    const token = grafana.createToken({ orgId: 1, role: 'Editor' });

    const check = checkGrafana(client(grafana.url, { kind: 'token', token }));

    await expect(check).rejects.toMatchObject({ code: 'GRAFANA_VERSION' });
  });

  it('refuses nested folder paths before Grafana 11', async () => {
    const grafana = await emulator({ version: '10.4.3' });
    const token = grafana.createToken({ orgId: 1, role: 'Editor' });
    const grafanaClient = client(grafana.url, { kind: 'token', token });

    await expect(checkGrafana(grafanaClient)).resolves.toBeDefined();
    await expect(checkGrafana(grafanaClient, { needsNestedFolders: true })).rejects
      .toMatchObject({ code: 'GRAFANA_VERSION', message: expect.stringContaining('11.0.0') });
  });

  it('reports a failing database as unreachable, after retrying', async () => {
    const grafana = await emulator();
    const token = grafana.createToken({ orgId: 1, role: 'Editor' });
    grafana.setHealth('failing');

    const check = checkGrafana(client(grafana.url, { kind: 'token', token }));

    await expect(check).rejects.toMatchObject({ code: 'GRAFANA_UNREACHABLE' });
    expect(grafana.requests.filter((request) => request.path === '/api/health')).toHaveLength(2);
  });

  it('warns and carries on when Grafana hides its version', async () => {
    const grafana = await emulator({ version: '' });
    const token = grafana.createToken({ orgId: 1, role: 'Editor' });
    const logger = createMemoryLogger();

    const info = await checkGrafana(client(grafana.url, { kind: 'token', token }), { logger });

    expect(info.version).toBeUndefined();
    expect(logger.entries.map((entry) => entry.level)).toContain('warn');
  });
});
