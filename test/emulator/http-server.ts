/**
 * The node:http side of the emulator: reads each request, records it (without secrets),
 * applies injected faults and latency, dispatches it and writes the answer.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { messageResponse, type ApiResponse } from './api-response.js';
import { readAuthKind } from './auth.js';
import { dispatchRequest } from './dispatch.js';
import type { EmulatorState } from './emulator-state.js';
import type { FaultQueue } from './faults.js';
import type { PendingRequest, RecordedRequest } from './recorded-request.js';
import type { RequestBody, Route } from './route.js';

/** A test dashboard is far smaller; the cap keeps a runaway test from eating memory. */
const maxRequestBytes = 32 * 1024 * 1024;

/** What the server needs from the emulator around it. */
export interface ServerParts {
  readonly state: EmulatorState;
  readonly routes: readonly Route[];
  readonly faults: FaultQueue;
  /** The request log the server appends to. */
  readonly requests: RecordedRequest[];
  /** Current added latency in ms, read for every response. */
  latencyMs(): number;
}

/** A listening server. */
export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts listening on 127.0.0.1 on a fresh port. */
export async function startHttpServer(parts: ServerParts): Promise<RunningServer> {
  const server = http.createServer((request, response) => {
    handleExchange(parts, { request, response }).catch((error: unknown) => {
      response.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => closeServer(server) };
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error === undefined ? resolve() : reject(error)));
    server.closeAllConnections();
  });
}

async function handleExchange(
  parts: ServerParts,
  exchange: { readonly request: http.IncomingMessage; readonly response: http.ServerResponse },
): Promise<void> {
  const { request, response } = exchange;
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const method = request.method ?? 'GET';
  const bodyText = await readBody(request);
  const body = parseBody(bodyText);
  const orgId = readOrgId(request.headers['x-grafana-org-id']);
  const record: PendingRequest = {
    method,
    path: url.pathname,
    query: url.searchParams,
    orgId,
    auth: readAuthKind(request.headers.authorization),
    body: body.status === 'json' ? body.value : undefined,
    status: 0,
  };
  parts.requests.push(record);

  const fault = parts.faults.take({ method, path: url.pathname });
  const delay = parts.state.settings.delay;
  if (fault?.kind === 'reset') {
    await delay(parts.latencyMs());
    request.socket.destroy();
    return;
  }
  const answer = fault?.response ?? answerRequest(parts, {
    method,
    path: url.pathname,
    query: url.searchParams,
    authorization: request.headers.authorization,
    orgId,
    body,
    tooLarge: bodyText === undefined,
  });
  record.status = answer.status;

  await delay(parts.latencyMs());
  writeResponse(response, { answer, method });
}

function answerRequest(
  parts: ServerParts,
  request: Parameters<typeof dispatchRequest>[0] & { readonly tooLarge: boolean },
): ApiResponse {
  if (request.tooLarge) {
    return messageResponse(413, 'request body too large');
  }

  try {
    return dispatchRequest(request, parts);
  } catch (error) {
    // A handler bug must show up in the test that hit it, not hang the request.
    const detail = error instanceof Error ? error.message : String(error);
    return messageResponse(500, `Grafana emulator bug: ${detail}`);
  }
}

/** The body as text, or undefined when it exceeds the cap. */
async function readBody(request: http.IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size <= maxRequestBytes) {
      chunks.push(buffer);
    }
  }

  return size > maxRequestBytes ? undefined : Buffer.concat(chunks).toString('utf8');
}

function parseBody(text: string | undefined): RequestBody {
  if (text === undefined || text === '') {
    return { status: 'empty' };
  }

  try {
    return { status: 'json', value: JSON.parse(text) as unknown };
  } catch {
    return { status: 'invalid' };
  }
}

function readOrgId(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || !/^\d+$/.test(value.trim())) {
    return undefined;
  }

  return Number(value.trim());
}

function writeResponse(
  response: http.ServerResponse,
  reply: { readonly answer: ApiResponse; readonly method: string },
): void {
  const { answer } = reply;
  const headers: Record<string, string> = { ...answer.headers };
  let payload = '';
  if (answer.text !== undefined) {
    headers['content-type'] = 'text/plain; charset=utf-8';
    payload = answer.text;
  } else if (answer.body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(answer.body, undefined, answer.indent === true ? 2 : undefined);
  }

  response.writeHead(answer.status, headers);
  response.end(reply.method === 'HEAD' ? undefined : payload);
}
