import { silentLogger, type Logger } from '../log.js';
import { backoffDelayMs, parseRetryAfter, type BackoffOptions } from './backoff.js';
import type { HttpOutcome, HttpRequest, HttpSend } from './http-transport.js';
import { abortableDelay } from '../abortable-delay.js';

/** Waits `ms` milliseconds, or rejects when `signal` aborts first. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Options of `withRetry`; every field has a default. */
export interface RetryOptions extends BackoffOptions {
  /** Retries after the first attempt. Default 4. */
  readonly retries?: number;
  /** A Retry-After longer than this is not waited for; the response is returned. Default 60 s. */
  readonly maxRetryAfterMs?: number;
  /** Default: a timer. Tests pass one that returns at once. */
  readonly sleep?: Sleep;
  /** Clock for Retry-After dates. Default `Date.now`. */
  readonly now?: () => number;
  readonly logger?: Logger;
}

const defaultRetries = 4;
/** A server asking for more than a minute is better reported than waited on in CI. */
const defaultMaxRetryAfterMs = 60_000;
/** Statuses that say "not now" rather than "no": rate limits and server-side failures. */
const transientStatuses: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/**
 * Wraps `send` so that 429, 500, 502, 503, 504 and transient network failures are tried again,
 * waiting what Retry-After asks or else an exponential backoff. Writes are retried too: DAWG
 * saves with the live version (and creates without overwrite), so a repeated write cannot
 * overwrite anyone's change; at worst it reports a conflict that apply then checks.
 */
export function withRetry(send: HttpSend, options: RetryOptions = {}): HttpSend {
  const retries = options.retries ?? defaultRetries;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? defaultMaxRetryAfterMs;
  const sleep = options.sleep ?? abortableDelay;
  const now = options.now ?? Date.now;
  const logger = options.logger ?? silentLogger;

  return async (httpRequest: HttpRequest): Promise<HttpOutcome> => {
    let outcome = await send(httpRequest);

    for (let attempt = 1; attempt <= retries; attempt += 1) {
      const delayMs = retryDelay(outcome, { ...options, attempt, maxRetryAfterMs, now: now() });
      if (delayMs === undefined) {
        return outcome;
      }
      logger.debug(`retrying ${httpRequest.method} ${httpRequest.path} in ${delayMs} ms`, {
        attempt,
        reason: describe(outcome),
      });
      await sleep(delayMs, httpRequest.signal);
      outcome = await send(httpRequest);
    }
    return outcome;
  };
}

/** The wait before trying again, or undefined when the outcome should be returned as it is. */
function retryDelay(
  outcome: HttpOutcome,
  options: BackoffOptions & {
    readonly attempt: number;
    readonly maxRetryAfterMs: number;
    readonly now: number;
  },
): number | undefined {
  if (outcome.status === 'failed') {
    return outcome.transient ? backoffDelayMs(options.attempt, options) : undefined;
  }
  const { status, headers } = outcome.response;
  if (!transientStatuses.has(status)) {
    return undefined;
  }

  const retryAfterMs = parseRetryAfter(headers['retry-after'], options.now);
  if (retryAfterMs === undefined) {
    return backoffDelayMs(options.attempt, options);
  }
  return retryAfterMs > options.maxRetryAfterMs ? undefined : retryAfterMs;
}

function describe(outcome: HttpOutcome): string {
  return outcome.status === 'failed' ? outcome.error.message : `HTTP ${outcome.response.status}`;
}
