/**
 * The retry layer: repeats a request that failed for a transient reason (429, 502, 503, 504,
 * or a refused or reset connection), with exponential backoff, honouring `Retry-After`.
 * Everything else is returned at once: a 4xx is the caller's problem and never improves.
 */
import { isDawgError } from '../../errors.js';
import { silentLogger, type Logger } from '../../log.js';
import type { SendRequest } from './http-transport.js';
import { abortableDelay } from '../../abortable-delay.js';

export interface RetryOptions {
  /** Tries per request, the first included. Default 3. */
  readonly attempts?: number;
  /** Wait before the second try; doubles each time. Default 200 ms. */
  readonly baseDelayMs?: number;
  /** Waits the injected function; tests pass one that resolves at once. */
  readonly delay?: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
  readonly logger?: Logger;
}

/** Three tries ride out a registry restart or a short rate limit without stalling a render. */
const defaultAttempts = 3;
const defaultBaseDelayMs = 200;
/** A Retry-After beyond this is not worth waiting for inside a render. */
const maxRetryAfterMs = 10_000;

/** A connection lost mid-PATCH may have appended a chunk; only these are safe to resend. */
const idempotentMethods: ReadonlySet<string> = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

const transientStatuses: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/** Wraps a lower layer so that transient failures are tried again. */
export function withRetry(send: SendRequest, options: RetryOptions = {}): SendRequest {
  const attempts = options.attempts ?? defaultAttempts;
  const baseDelayMs = options.baseDelayMs ?? defaultBaseDelayMs;
  const delay = options.delay ?? abortableDelay;
  const logger = options.logger ?? silentLogger;

  return async (request) => {
    for (let attempt = 1; ; attempt += 1) {
      const isLast = attempt >= attempts;
      let waitForMs = baseDelayMs * 2 ** (attempt - 1);
      try {
        const response = await send(request);
        if (isLast || !transientStatuses.has(response.status)) {
          return response;
        }
        waitForMs = retryAfterMs(response.headers.get('retry-after')) ?? waitForMs;
        await response.body?.cancel();
        logger.debug(`${request.method} ${request.url.pathname} answered ${response.status}; ` +
          `retrying in ${waitForMs} ms`, { registry: request.url.host });
      } catch (error) {
        if (isLast || !isUnreachable(error) || !idempotentMethods.has(request.method)) {
          throw error;
        }
        logger.debug(`${request.method} ${request.url.pathname} failed; retrying in ` +
          `${waitForMs} ms`, { registry: request.url.host });
      }
      await delay(waitForMs, request.signal);
    }
  };
}

/** Reads `Retry-After` as seconds or an HTTP date; undefined when absent or unusable. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null) {
    return undefined;
  }
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  if (!Number.isFinite(ms) || ms < 0) {
    return undefined;
  }
  return Math.min(ms, maxRetryAfterMs);
}

function isUnreachable(error: unknown): boolean {
  return isDawgError(error) && error.code === 'REGISTRY_UNREACHABLE';
}
