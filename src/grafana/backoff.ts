/**
 * How long to wait before trying a request again: the server's Retry-After when it sent one,
 * else exponential backoff with full jitter, so that many clients do not retry in step.
 */

/** How retry delays grow; every field has a default. */
export interface BackoffOptions {
  /** First delay before jitter. Default 250 ms. */
  readonly baseDelayMs?: number;
  /** Longest computed delay. Default 10 000 ms. */
  readonly maxDelayMs?: number;
  /** Returns a number in [0, 1). Default `Math.random`. */
  readonly random?: () => number;
}

const defaultBaseDelayMs = 250;
const defaultMaxDelayMs = 10_000;

/** The delay before retry number `attempt` (1 for the first retry). */
export function backoffDelayMs(attempt: number, options: BackoffOptions = {}): number {
  const base = options.baseDelayMs ?? defaultBaseDelayMs;
  const ceiling = Math.min(options.maxDelayMs ?? defaultMaxDelayMs, base * 2 ** (attempt - 1));
  const random = options.random ?? Math.random;

  return Math.round(ceiling * random());
}

/**
 * The wait a `Retry-After` header asks for, in milliseconds: either delay-seconds or an HTTP
 * date (RFC 9110 §10.2.3). Undefined when the header is missing or unreadable.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined || value.trim() === '') {
    return undefined;
  }
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    return Number(text) * 1000;
  }

  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}
