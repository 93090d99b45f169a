import { describe, expect, it } from 'vitest';

import { DawgError } from '../../errors.js';
import type { HttpRequest, SendRequest } from './http-transport.js';
import { retryAfterMs, withRetry } from './retry.js';

function sequence(answers: ReadonlyArray<() => Response>): SendRequest & { calls: number } {
  const state = { calls: 0 };
  const send: SendRequest = async () => {
    const answer = answers[Math.min(state.calls, answers.length - 1)];
    state.calls += 1;
    if (answer === undefined) {
      throw new Error('no answer scripted');
    }
    return answer();
  };
  return Object.defineProperty(send, 'calls', { get: () => state.calls }) as SendRequest &
    { calls: number };
}

const get: HttpRequest = { method: 'GET', url: new URL('https://registry.example/v2/') };

describe('withRetry', () => {
  it('tries a 503 again and returns the success, waiting with backoff', async () => {
    const waits: number[] = [];
    const send = sequence([
      () => new Response(null, { status: 503 }),
      () => new Response(null, { status: 503 }),
      () => new Response('ok'),
    ]);

    const response = await withRetry(send, {
      delay: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    })(get);

    expect(response.status).toBe(200);
    expect(waits).toEqual([200, 400]);
  });

  it('honours Retry-After on a 429', async () => {
    const waits: number[] = [];
    const send = sequence([
      () => new Response(null, { status: 429, headers: { 'retry-after': '2' } }),
      () => new Response('ok'),
    ]);

    await withRetry(send, {
      delay: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    })(get);

    expect(waits).toEqual([2000]);
  });

  it('returns a 404 at once without retrying', async () => {
    const send = sequence([() => new Response(null, { status: 404 })]);

    const response = await withRetry(send, { delay: () => Promise.resolve() })(get);

    expect(response.status).toBe(404);
    expect(send.calls).toBe(1);
  });

  it('gives the last answer after the attempts run out', async () => {
    const send = sequence([() => new Response(null, { status: 502 })]);

    const response = await withRetry(send, { attempts: 3, delay: () => Promise.resolve() })(get);

    expect(response.status).toBe(502);
    expect(send.calls).toBe(3);
  });

  it('does not resend a PATCH after a lost connection, since it may have appended', async () => {
    let calls = 0;
    const send: SendRequest = () => {
      calls += 1;
      return Promise.reject(new DawgError('REGISTRY_UNREACHABLE', 'reset'));
    };

    const result = withRetry(send, { delay: () => Promise.resolve() })({
      method: 'PATCH',
      url: new URL('https://registry.example/upload'),
    });

    await expect(result).rejects.toMatchObject({ code: 'REGISTRY_UNREACHABLE' });
    expect(calls).toBe(1);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates and caps long waits', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');

    expect(retryAfterMs('3', now)).toBe(3000);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('3600', now)).toBe(10_000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});
