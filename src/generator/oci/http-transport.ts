/**
 * The bottom layer of the registry client: one HTTP exchange on `fetch`, with a deadline,
 * redirects followed by hand so that credentials never cross to another origin, and network
 * failures turned into REGISTRY_UNREACHABLE. Retry and auth are layers above this one.
 */
import { Agent, fetch as undiciFetch } from 'undici';

import { DawgError } from '../../errors.js';
import { silentLogger, type Logger } from '../../log.js';
import { isListed, usesPlainHttp } from './plain-http.js';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One request as every layer of the registry client sees it. */
export interface HttpRequest {
  readonly method: HttpMethod;
  readonly url: URL;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Uint8Array | string;
  readonly signal?: AbortSignal;
  /**
   * Token scopes the request needs (`repository:<name>:pull`), for the auth layer. Lower
   * layers ignore them.
   */
  readonly scopes?: readonly string[];
}

/** A layer of the registry client: send one request, resolve to the final response. */
export type SendRequest = (request: HttpRequest) => Promise<Response>;

/** The subset of `fetch` DAWG uses; tests inject their own. */
export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>;

export interface HttpTransportOptions {
  /** Defaults to Node's global `fetch`. */
  readonly fetch?: FetchFunction;
  /** Registries other than loopback that may be reached, and redirected to, over plain HTTP. */
  readonly plainHttpHosts?: readonly string[];
  /** Registries whose TLS certificate is not verified (self-signed test registries). */
  readonly insecureHosts?: readonly string[];
  /** Deadline for one exchange, body included. Default `defaultRequestTimeoutMs`. */
  readonly timeoutMs?: number;
  readonly logger?: Logger;
}

/** Two minutes: a 64 MiB module at 1 MB/s still arrives, a hung server does not hang DAWG. */
export const defaultRequestTimeoutMs = 120_000;

/** Registries redirect blobs once (to a CDN or S3); five allows a chain without a loop. */
const maxRedirects = 5;

const redirectStatuses: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** Builds the plain HTTP layer. */
export function createHttpTransport(options: HttpTransportOptions = {}): SendRequest {
  const logger = options.logger ?? silentLogger;
  const timeoutMs = options.timeoutMs ?? defaultRequestTimeoutMs;
  const fetchFor = fetchChooser(options);

  return async (request) => {
    const signal = combineSignals(request.signal, timeoutMs);
    let url = request.url;
    let headers = { ...request.headers };
    let method = request.method;
    let body = request.body;

    for (let redirects = 0; ; redirects += 1) {
      const response = await exchange(fetchFor(url), { method, url, headers, body, signal });
      logger.debug(`${method} ${url.pathname} → ${response.status}`, { registry: url.host });
      const location = response.headers.get('location');
      if (!redirectStatuses.has(response.status) || location === null) {
        return response;
      }
      await response.body?.cancel();
      if (redirects === maxRedirects) {
        throw new DawgError('REGISTRY', `${request.method} ${request.url.pathname}: more than ` +
          `${maxRedirects} redirects`);
      }

      const next = new URL(location, url);
      checkRedirect(url, next, options);
      if (next.origin !== url.origin) {
        headers = withoutAuthorization(headers);
      }
      if (response.status === 303) {
        method = 'GET';
        body = undefined;
      }
      url = next;
    }
  };
}

function fetchChooser(options: HttpTransportOptions): (url: URL) => FetchFunction {
  const plain = options.fetch ?? globalFetch;
  const insecureHosts = options.insecureHosts ?? [];
  if (insecureHosts.length === 0) {
    return () => plain;
  }

  let agent: Agent | undefined;
  const insecure: FetchFunction = (url, init) => {
    agent ??= new Agent({ connect: { rejectUnauthorized: false } });
    const withAgent = { ...init, dispatcher: agent } as Parameters<typeof undiciFetch>[1];
    return options.fetch === undefined
      ? undiciFetch(url, withAgent) as unknown as Promise<Response>
      : options.fetch(url, withAgent as RequestInit);
  };
  return (url) => isListed(url.host, insecureHosts) ? insecure : plain;
}

const globalFetch: FetchFunction = (url, init) => fetch(url, init);

interface Exchange {
  readonly method: HttpMethod;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array | string | undefined;
  readonly signal: AbortSignal;
}

async function exchange(fetchFunction: FetchFunction, request: Exchange): Promise<Response> {
  try {
    return await fetchFunction(request.url.href, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: request.signal,
    });
  } catch (error) {
    throw unreachable(request, error);
  }
}

function unreachable(request: Exchange, error: unknown): unknown {
  if (request.signal.aborted && !isTimeout(request.signal.reason)) {
    return request.signal.reason;
  }
  const reason = describeNetworkError(error, request.signal);
  return new DawgError(
    'REGISTRY_UNREACHABLE',
    `cannot reach registry ${request.url.host} (${request.method} ${request.url.pathname}: ` +
      `${reason})`,
    { cause: error, hint: 'check the host and port, and that the registry is running' },
  );
}

function describeNetworkError(error: unknown, signal: AbortSignal): string {
  if (signal.aborted) {
    return 'timed out';
  }
  const cause: unknown = error instanceof Error && typeof error.cause === 'object' &&
    error.cause !== null
    ? error.cause
    : error;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause
    ? String(cause.code)
    : undefined;
  const message = cause instanceof Error ? cause.message : String(cause);
  return code ?? message;
}

function isTimeout(reason: unknown): boolean {
  return reason instanceof DOMException && reason.name === 'TimeoutError';
}

function combineSignals(signal: AbortSignal | undefined, timeoutMs: number): AbortSignal {
  const timeout = AbortSignal.timeout(timeoutMs);
  return signal === undefined ? timeout : AbortSignal.any([signal, timeout]);
}

function checkRedirect(from: URL, to: URL, options: HttpTransportOptions): void {
  if (to.protocol === 'https:') {
    return;
  }
  const allowed = to.protocol === 'http:' &&
    (from.protocol === 'http:' || usesPlainHttp(to.host, options));
  if (!allowed) {
    throw new DawgError('REGISTRY', `${from.host} redirected ${from.pathname} to ` +
      `${to.protocol}//${to.host}, which is not HTTPS; refusing to follow`);
  }
}

function withoutAuthorization(
  headers: Readonly<Record<string, string>>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'authorization'),
  );
}
