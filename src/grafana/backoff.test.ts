import { describe, expect, it } from 'vitest';

import { backoffDelayMs, parseRetryAfter } from './backoff.js';

describe('backoffDelayMs', () => {
  it('doubles the ceiling each attempt up to the maximum', () => {
    const top = { random: () => 0.999_999, baseDelayMs: 100, maxDelayMs: 1000 };

    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelayMs(attempt, top))).toEqual([
      100, 200, 400, 800, 1000,
    ]);
  });

  it('spreads delays with jitter below the ceiling', () => {
    expect(backoffDelayMs(3, { random: () => 0.5, baseDelayMs: 100 })).toBe(200);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('3', now)).toBe(3000);
  });

  it('reads an HTTP date relative to now', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
  });

  it('never returns a negative wait for a date in the past', () => {
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
  });

  it('ignores a missing or unreadable header', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
