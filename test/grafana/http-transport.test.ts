import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import { createHttpTransport, type HttpTransport } from '../../src/grafana/http-transport.js';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

const servers: Server[] = [];
const transports: HttpTransport[] = [];

async function serve(handler: Handler): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function transport(url: string, options: { timeoutMs?: number; maxResponseBytes?: number } = {}) {
  const created = createHttpTransport({ url, ...options });
  transports.push(created);
  return created;
}

afterEach(async () => {
  await Promise.all(transports.splice(0).map((created) => created.close()));
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('createHttpTransport', () => {
  it('sends JSON below the URL\'s sub path and returns status, headers and body', async () => {
    const seen: string[] = [];
    const url = await serve((request, response) => {
      seen.push(`${request.method} ${request.url} ${request.headers['content-type']}`);
      response.writeHead(201, { 'x-answer': '42' }).end('{"ok":true}');
    });

    const outcome = await transport(`${url}/grafana/`).send({
      method: 'POST',
      path: '/api/folders',
      query: { limit: 5, tag: ['a', 'b'] },
      body: { title: 'T' },
    });

    expect(seen).toEqual(['POST /grafana/api/folders?limit=5&tag=a&tag=b application/json']);
    expect(outcome).toMatchObject({
      status: 'response',
      response: { status: 201, headers: { 'x-answer': '42' }, text: '{"ok":true}' },
    });
  });

  it('refuses a body over the size cap without retrying', async () => {
    const url = await serve((_request, response) => response.end('x'.repeat(2048)));

    const outcome = await transport(url, { maxResponseBytes: 1024 }).send({
      method: 'GET',
      path: '/api/search',
    });

    expect(outcome).toMatchObject({
      status: 'failed',
      transient: false,
      error: { code: 'GRAFANA', message: 'GET /api/search: response is larger than 1024 bytes' },
    });
  });

  it('gives up on a server that does not answer within the deadline, as transient', async () => {
    const url = await serve(() => undefined);

    const outcome = await transport(url, { timeoutMs: 100 }).send({
      method: 'GET',
      path: '/api/health',
    });

    expect(outcome).toMatchObject({
      status: 'failed',
      transient: true,
      error: { code: 'GRAFANA_UNREACHABLE' },
    });
  });

  it('reports a refused connection as unreachable, naming the host', async () => {
    const url = await serve(() => undefined);
    const server = servers.pop();
    await new Promise((resolve) => server?.close(resolve));

    const outcome = await transport(url).send({ method: 'GET', path: '/api/health' });

    expect(outcome).toMatchObject({ status: 'failed', transient: true });
    expect(outcome.status === 'failed' && outcome.error.code).toBe('GRAFANA_UNREACHABLE');
    expect(outcome.status === 'failed' && outcome.error.message).toContain('ECONNREFUSED');
    expect(outcome.status === 'failed' && outcome.error.hint).toContain('--grafana-url');
  });

  it.each([
    ['not a url', 'the Grafana URL is not a valid URL'],
    ['ftp://127.0.0.1', 'Grafana URL ftp:// is not http or https'],
    ['http://admin:pw@127.0.0.1', 'the Grafana URL must not hold credentials'],
  ])('refuses %s with USAGE, without echoing credentials', (url, message) => {
    expect(() => createHttpTransport({ url })).toThrow(expect.objectContaining({
      code: 'USAGE',
      message,
    }));
  });
});
