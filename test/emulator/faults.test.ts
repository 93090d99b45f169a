import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { callApi } from './call-api.js';
import { startGrafanaEmulator, type GrafanaEmulator } from './grafana-emulator.js';

let grafana: GrafanaEmulator;

beforeAll(async () => {
  grafana = await startGrafanaEmulator();
});

afterAll(async () => {
  await grafana.close();
});

describe('injected faults', () => {
  it('answers 429 with Retry-After the given number of times, then normally', async () => {
    grafana.injectFault({ path: '/api/search', status: 429, retryAfter: '2', times: 2 });

    const first = await callApi(grafana, { path: '/api/search?query=fault-429' });
    const second = await callApi(grafana, { path: '/api/search?query=fault-429' });
    const third = await callApi(grafana, { path: '/api/search?query=fault-429' });

    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('2');
    expect(first.contentType).toBe('application/json');
    expect(first.body).toEqual({ message: 'Too Many Requests' });
    expect(second.status).toBe(429);
    expect(third.status).toBe(200);
    expect(grafana.requests.slice(-3).map((request) => request.status)).toEqual([429, 429, 200]);
  });

  it('answers 500 and 502 with the given body, only for the matching method', async () => {
    grafana.injectFault({ method: 'post', path: /^\/api\/dashboards\//, status: 500 });
    grafana.injectFault({ path: '/api/folders', status: 502, body: { message: 'bad gateway' } });
    const body = { dashboard: { uid: 'fault-save', title: 'Fault save' } };

    const read = await callApi(grafana, { path: '/api/dashboards/uid/fault-save' });
    const saveCall = { method: 'POST', path: '/api/dashboards/db', body };
    const failedSave = await callApi(grafana, saveCall);
    const folders = await callApi(grafana, { path: '/api/folders' });
    const save = await callApi(grafana, saveCall);

    expect(read.status).toBe(404);
    expect(failedSave.status).toBe(500);
    expect(failedSave.body).toEqual({ message: 'Internal Server Error' });
    expect(folders.status).toBe(502);
    expect(folders.body).toEqual({ message: 'bad gateway' });
    expect(save.status).toBe(200);
    expect(grafana.dashboard('fault-save')?.version).toBe(1);
  });

  it('resets the connection without a response, then answers normally', async () => {
    grafana.injectFault({ kind: 'reset', path: '/api/health' });

    const reset = callApi(grafana, { path: '/api/health', credentials: 'none' });
    await expect(reset).rejects.toThrow(TypeError);
    const after = await callApi(grafana, { path: '/api/health', credentials: 'none' });

    expect(after.status).toBe(200);
    expect(grafana.requests.slice(-2).map((request) => request.status)).toEqual([0, 200]);
  });

  it('refuses a fault it cannot inject', () => {
    expect(() => grafana.injectFault({ status: 200, times: 0 })).toThrow(/times/);
    expect(() => grafana.injectFault({ status: 42 })).toThrow(/status/);
  });
});

describe('latency', () => {
  it('waits the configured latency before every response, faults included', async () => {
    const delays: number[] = [];
    const emulator = await startGrafanaEmulator({
      latencyMs: 40,
      delay: async (ms) => {
        delays.push(ms);
      },
    });
    try {
      emulator.injectFault({ path: '/api/search', status: 503 });
      const health = await callApi(emulator, { path: '/api/health', credentials: 'none' });
      const fault = await callApi(emulator, { path: '/api/search' });
      emulator.setLatency(5);
      await callApi(emulator, { path: '/api/health', credentials: 'none' });

      expect(health.status).toBe(200);
      expect(fault.status).toBe(503);
      expect(delays).toEqual([40, 40, 5]);
      expect(() => emulator.setLatency(-1)).toThrow(/latency/);
    } finally {
      await emulator.close();
    }
  });
});
