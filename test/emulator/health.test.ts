import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { callApi } from './call-api.js';
import { startGrafanaEmulator, type GrafanaEmulator } from './grafana-emulator.js';

let grafana: GrafanaEmulator;

beforeAll(async () => {
  grafana = await startGrafanaEmulator({ version: '12.0.2' });
});

afterAll(async () => {
  await grafana.close();
});

describe('health', () => {
  it('answers 200 with database ok, version and commit without credentials', async () => {
    const answer = await callApi(grafana, { path: '/api/health', credentials: 'none' });

    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe('application/json');
    expect(answer.body).toEqual({ database: 'ok', version: '12.0.2', commit: expect.any(String) });
  });

  it('answers 503 with database failing while the health hook says failing', async () => {
    grafana.setHealth('failing');
    const failing = await callApi(grafana, { path: '/api/health', credentials: 'none' });
    grafana.setHealth('ok');
    const recovered = await callApi(grafana, { path: '/api/health', credentials: 'none' });

    expect(failing.status).toBe(503);
    expect(failing.body).toMatchObject({ database: 'failing' });
    expect(recovered.status).toBe(200);
  });

  it('answers HEAD with the status and no body', async () => {
    const answer = await callApi(grafana, {
      method: 'HEAD',
      path: '/api/health',
      credentials: 'none',
    });

    expect(answer.status).toBe(200);
    expect(answer.body).toBe('');
  });

  it('answers the liveness probe with plain Ok', async () => {
    const answer = await callApi(grafana, { path: '/healthz', credentials: 'none' });

    expect(answer.status).toBe(200);
    expect(answer.body).toBe('Ok');
  });

  it('answers an unknown /api route with 404 Not found before checking credentials', async () => {
    const answer = await callApi(grafana, { path: '/api/no-such-thing', credentials: 'none' });

    expect(answer.status).toBe(404);
    expect(answer.contentType).toBe('application/json');
    expect(answer.body).toEqual({ message: 'Not found' });
  });
});
