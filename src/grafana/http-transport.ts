import { Agent, request } from 'undici';

import { DawgError } from '../errors.js';
import { silentLogger, type Logger } from '../log.js';

/**
 * The bottom layer of the Grafana client: one HTTP exchange with a deadline and a size cap,
 * returned as a value. Retries, credentials and the Grafana API sit in the layers above.
 */

/** The methods the Grafana client uses. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One query parameter: a list repeats the parameter; undefined leaves it out. */
export type QueryValue = string | number | readonly string[] | undefined;

/** One request, relative to the Grafana URL. */
export interface HttpRequest {
  readonly method: HttpMethod;
  /** Path below the Grafana URL, starting with `/`, e.g. `/api/health`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as JSON. */
  readonly body?: unknown;
  readonly signal?: AbortSignal;
}

/** A response of any status, its body read as text. */
export interface HttpResponse {
  readonly status: number;
  /** Header values by lower-case name. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly text: string;
}

/** One exchange: a response of any status, or a failure to get one. */
export type HttpOutcome =
  | { readonly status: 'response'; readonly response: HttpResponse }
  /** `transient` failures (reset, refused, timeout) may succeed when tried again. */
  | { readonly status: 'failed'; readonly error: DawgError; readonly transient: boolean };

/** Sends one request; the signature every client layer has. */
export type HttpSend = (request: HttpRequest) => Promise<HttpOutcome>;

/** Options of `createHttpTransport`; only `url` is required. */
export interface HttpTransportOptions {
  /** Grafana's URL, with its sub path when it is served under one. */
  readonly url: string;
  /** Deadline for one exchange, headers and body. Default 30 000 ms. */
  readonly timeoutMs?: number;
  /** Cap on one response body. Default 64 MiB. */
  readonly maxResponseBytes?: number;
  /** PEM certificates to trust instead of the system's. */
  readonly ca?: string;
  /** Skip TLS certificate checks. Default false. */
  readonly insecure?: boolean;
  /** Connections kept open to Grafana. Default 32. */
  readonly connections?: number;
  readonly logger?: Logger;
}

/** A connection pool to one Grafana. */
export interface HttpTransport {
  readonly send: HttpSend;
  /** Closes the kept-alive connections. */
  close(): Promise<void>;
}

/** Long enough for a 5 000-hit search page on a slow Grafana, short enough to notice a hang. */
export const defaultTimeoutMs = 30_000;
/** A large dashboard is a few MiB; Grafana's own request limit for dashboards is in that range. */
export const defaultMaxResponseBytes = 64 * 1024 * 1024;
const defaultConnections = 32;

/** Error codes of connection failures that may pass when tried again. */
const transientNetworkCodes: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);

/** Opens a connection pool to Grafana; nothing is sent until `send` is called. */
export function createHttpTransport(options: HttpTransportOptions): HttpTransport {
  const baseUrl = parseBaseUrl(options.url);
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const maxBytes = options.maxResponseBytes ?? defaultMaxResponseBytes;
  const logger = options.logger ?? silentLogger;
  const agent = new Agent({
    connections: options.connections ?? defaultConnections,
    connect: {
      ...(options.ca === undefined ? {} : { ca: options.ca }),
      rejectUnauthorized: options.insecure !== true,
    },
  });

  const send: HttpSend = async (httpRequest) => {
    const started = performance.now();
    const url = buildUrl(baseUrl, httpRequest);
    const outcome = await exchange(agent, url, httpRequest, { timeoutMs, maxBytes });

    const elapsed = Math.round(performance.now() - started);
    const result = outcome.status === 'response' ? String(outcome.response.status) : 'failed';
    logger.debug(`${httpRequest.method} ${httpRequest.path} → ${result} in ${elapsed} ms`, {
      grafana: baseUrl.host,
    });
    return outcome;
  };

  return { send, close: () => agent.close() };
}

async function exchange(
  agent: Agent,
  url: URL,
  httpRequest: HttpRequest,
  limits: { readonly timeoutMs: number; readonly maxBytes: number },
): Promise<HttpOutcome> {
  const timeout = AbortSignal.timeout(limits.timeoutMs);
  const signal = httpRequest.signal === undefined
    ? timeout
    : AbortSignal.any([httpRequest.signal, timeout]);
  const where = `${httpRequest.method} ${httpRequest.path}`;

  try {
    const response = await request(url, {
      dispatcher: agent,
      method: httpRequest.method,
      headers: requestHeaders(httpRequest),
      body: httpRequest.body === undefined ? undefined : JSON.stringify(httpRequest.body),
      signal,
    });
    const text = await readCapped(response.body, limits.maxBytes, where);
    return {
      status: 'response',
      response: { status: response.statusCode, headers: flattenHeaders(response.headers), text },
    };
  } catch (error) {
    httpRequest.signal?.throwIfAborted();
    return describeFailure(error, { where, url, timedOut: timeout.aborted, ...limits });
  }
}

function requestHeaders(httpRequest: HttpRequest): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json', ...httpRequest.headers };
  if (httpRequest.body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  return headers;
}

async function readCapped(
  body: AsyncIterable<Buffer> & { destroy(): void },
  maxBytes: number,
  where: string,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;

  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) {
      body.destroy();
      throw new ResponseTooLarge(`${where}: response is larger than ${maxBytes} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

class ResponseTooLarge extends Error {}

function describeFailure(
  error: unknown,
  context: {
    readonly where: string;
    readonly url: URL;
    readonly timedOut: boolean;
    readonly timeoutMs: number;
  },
): HttpOutcome {
  if (error instanceof ResponseTooLarge) {
    return { status: 'failed', error: new DawgError('GRAFANA', error.message), transient: false };
  }
  if (context.timedOut) {
    const host = context.url.host;
    const message = `${context.where}: no answer from ${host} in ${context.timeoutMs} ms`;
    const timeoutError = new DawgError('GRAFANA_UNREACHABLE', message, {
      hint: 'raise --grafana-timeout-ms if Grafana is slow',
      cause: error,
    });
    return { status: 'failed', error: timeoutError, transient: true };
  }

  const code = errorCode(error);
  const reason = error instanceof Error ? error.message : String(error);
  const isTls = code.startsWith('ERR_TLS') || code.includes('CERT')
    || code.startsWith('SELF_SIGNED');
  const hint = isTls
    ? 'pass --ca-file with the certificate that signed Grafana\'s, or --insecure to skip the check'
    : 'check --grafana-url (GRAFANA_URL) and that Grafana is running';
  const detail = code === '' ? reason : `${code} ${reason}`;
  const message = `${context.where}: cannot reach ${context.url.host}: ${detail}`;
  const failure = new DawgError('GRAFANA_UNREACHABLE', message, { hint, cause: error });
  return { status: 'failed', error: failure, transient: transientNetworkCodes.has(code) };
}

function errorCode(error: unknown): string {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (typeof current === 'object' && current !== null && !seen.has(current)) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      return code;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return '';
}

function flattenHeaders(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): Record<string, string | undefined> {
  const result: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) {
    result[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return result;
}

function parseBaseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new DawgError('USAGE', 'the Grafana URL is not a valid URL', {
      hint: 'pass --grafana-url (or GRAFANA_URL) as http(s)://host[:port][/sub/path]',
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new DawgError('USAGE', `Grafana URL ${url.protocol}// is not http or https`, {
      hint: 'pass --grafana-url (or GRAFANA_URL) as http(s)://host[:port][/sub/path]',
    });
  }
  if (url.username !== '' || url.password !== '') {
    throw new DawgError('USAGE', 'the Grafana URL must not hold credentials', {
      hint: 'pass them with --grafana-token or --grafana-user/--grafana-password',
    });
  }
  return url;
}

function buildUrl(baseUrl: URL, httpRequest: HttpRequest): URL {
  const basePath = baseUrl.pathname.replace(/\/+$/, '');
  const url = new URL(`${basePath}${httpRequest.path}`, baseUrl);

  for (const [name, value] of Object.entries(httpRequest.query ?? {})) {
    if (value === undefined) {
      continue;
    }
    const values = typeof value === 'string' || typeof value === 'number' ? [value] : value;
    for (const item of values) {
      url.searchParams.append(name, String(item));
    }
  }
  return url;
}
