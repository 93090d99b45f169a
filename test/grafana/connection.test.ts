import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { checkGrafana } from '../../src/grafana/check-grafana.js';
import { connectGrafana } from '../../src/grafana/connection.js';
import type { GrafanaClient } from '../../src/grafana/client.js';

const run = promisify(execFile);

let folder: string;
let server: Server;
let url: string;
const clients: GrafanaClient[] = [];

/**
 * A self-signed certificate made for this run (openssl), so that its validity always starts
 * now, and a tiny HTTPS server that answers health and folder reads like Grafana.
 */
beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'dawg-tls-'));
  await run('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', path.join(folder, 'key.pem'), '-out', path.join(folder, 'cert.pem'),
    '-days', '2', '-subj', '/CN=dawg-test', '-addext', 'subjectAltName=IP:127.0.0.1',
  ]);
  const [key, cert] = await Promise.all([
    readFile(path.join(folder, 'key.pem')),
    readFile(path.join(folder, 'cert.pem')),
  ]);
  server = createServer({ key, cert }, (request, response) => {
    const body = request.url?.startsWith('/api/health') === true
      ? { database: 'ok', version: '12.1.0' }
      : [];
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(folder, { recursive: true, force: true });
});

async function connect(options: { caFile?: string; insecure?: boolean }): Promise<GrafanaClient> {
  const client = await connectGrafana(
    { url, token: 't', retry: { retries: 0 }, ...options },
    { readOnly: true, env: {} },
  );
  clients.push(client);
  return client;
}

describe('TLS to Grafana', () => {
  it('refuses an untrusted certificate and suggests --ca-file or --insecure', async () => {
    const check = checkGrafana(await connect({}));

    await expect(check).rejects.toMatchObject({
      code: 'GRAFANA_UNREACHABLE',
      hint: expect.stringContaining('--ca-file'),
    });
  });

  it('trusts the certificate given with --ca-file', async () => {
    const client = await connect({ caFile: path.join(folder, 'cert.pem') });

    await expect(checkGrafana(client)).resolves.toMatchObject({ version: { major: 12 } });
  });

  it('skips the check with --insecure', async () => {
    await expect(checkGrafana(await connect({ insecure: true }))).resolves.toBeDefined();
  });

  it('refuses an unreadable CA file with USAGE before any request', async () => {
    const missing = path.join(folder, 'missing.pem');

    await expect(connect({ caFile: missing })).rejects.toMatchObject({ code: 'USAGE' });
  });
});

describe('connectGrafana', () => {
  it('reads URL and token from the environment, and registers the secret', async () => {
    const secrets: string[] = [];

    const client = await connectGrafana({}, {
      readOnly: true,
      env: { GRAFANA_URL: url, GRAFANA_TOKEN: 'glsa_from_env' },
      onSecret: (secret) => secrets.push(secret),
    });
    clients.push(client);

    expect(client.url).toBe(url);
    expect(secrets).toEqual(['glsa_from_env']);
  });

  it.each([
    [{}, {}, 'no Grafana URL was given'],
    [{ url: 'http://127.0.0.1:1' }, {}, 'no Grafana credentials were given'],
    [{ url: 'http://127.0.0.1:1', token: 't', user: 'u' }, {}, 'both a Grafana token and a'],
    [{ url: 'http://127.0.0.1:1' }, { GRAFANA_USER: 'u' }, 'was given without a password'],
  ])('refuses %j with env %j: %s', async (options, env, message) => {
    const connecting = connectGrafana(options, { readOnly: true, env });

    await expect(connecting).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringContaining(message),
    });
  });

  it('lets a flag win over its environment variable', async () => {
    const client = await connectGrafana({ url }, {
      readOnly: true,
      env: { GRAFANA_URL: 'http://127.0.0.1:1', GRAFANA_TOKEN: 't' },
    });
    clients.push(client);

    expect(client.url).toBe(url);
  });
});

