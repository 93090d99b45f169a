import { describe, expect, it } from 'vitest';

import { DawgError } from '../errors.js';
import type { HttpOutcome, HttpRequest, HttpSend } from './http-transport.js';
import { withRetry } from './retry.js';

const request: HttpRequest = { method: 'GET', path: '/api/health' };

function respond(status: number, headers: Record<string, string> = {}): HttpOutcome {
  return { status: 'response', response: { status, headers, text: '{}' } };
}

function scripted(outcomes: HttpOutcome[]): HttpSend & { calls: number } {
  const send = async (): Promise<HttpOutcome> => {
    send.calls += 1;
    const next = outcomes.shift();
    if (next === undefined) {
      throw new Error('no more scripted outcomes');
    }
    return next;
  };
  send.calls = 0;
  return send;
}

function recordingSleep(): ((ms: number) => Promise<void>) & { waits: number[] } {
  const sleep = async (ms: number): Promise<void> => {
    sleep.waits.push(ms);
  };
  sleep.waits = [] as number[];
  return sleep;
}

describe('withRetry', () => {
  it('retries 429 and 500 and returns the first success', async () => {
    const send = scripted([respond(429), respond(500), respond(200)]);
    const sleep = recordingSleep();

    const outcome = await withRetry(send, { sleep, random: () => 0.5 })(request);

    expect(outcome).toEqual(respond(200));
    expect(send.calls).toBe(3);
    expect(sleep.waits).toEqual([125, 250]);
  });

  it('waits what Retry-After asks', async () => {
    const send = scripted([respond(503, { 'retry-after': '2' }), respond(200)]);
    const sleep = recordingSleep();

    await withRetry(send, { sleep })(request);

    expect(sleep.waits).toEqual([2000]);
  });

  it('returns the response when Retry-After asks for longer than the cap', async () => {
    const send = scripted([respond(429, { 'retry-after': '3600' })]);
    const sleep = recordingSleep();

    const outcome = await withRetry(send, { sleep })(request);

    expect(outcome).toEqual(respond(429, { 'retry-after': '3600' }));
    expect(sleep.waits).toEqual([]);
  });

  it('does not retry answers that will not change', async () => {
    for (const status of [400, 401, 403, 404, 412]) {
      const send = scripted([respond(status)]);

      await withRetry(send, { sleep: recordingSleep() })(request);

      expect(send.calls).toBe(1);
    }
  });

  it('retries transient network failures but not others', async () => {
    const error = new DawgError('GRAFANA_UNREACHABLE', 'reset');
    const transient = scripted([{ status: 'failed', error, transient: true }, respond(200)]);
    const permanent = scripted([{ status: 'failed', error, transient: false }]);

    await withRetry(transient, { sleep: recordingSleep() })(request);
    await withRetry(permanent, { sleep: recordingSleep() })(request);

    expect(transient.calls).toBe(2);
    expect(permanent.calls).toBe(1);
  });

  it('gives up after the configured retries with the last outcome', async () => {
    const send = scripted([respond(502), respond(502), respond(502)]);

    const outcome = await withRetry(send, { retries: 2, sleep: recordingSleep() })(request);

    expect(outcome).toEqual(respond(502));
    expect(send.calls).toBe(3);
  });
});
