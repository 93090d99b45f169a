import { describe, expect, it } from 'vitest';

import { callApi } from './call-api.js';
import { startGrafanaEmulator, type GrafanaEmulator } from './grafana-emulator.js';

async function saveTwice(
  grafana: GrafanaEmulator,
  second: { readonly dashboard: object; readonly folderUid?: string },
): Promise<unknown[]> {
  const first = await callApi(grafana, {
    method: 'POST',
    path: '/api/dashboards/db',
    body: { dashboard: { uid: 'same', title: 'Same', panels: [{ id: 1 }] }, message: 'first' },
  });
  const again = await callApi(grafana, {
    method: 'POST',
    path: '/api/dashboards/db',
    body: { ...second, overwrite: true, message: 'second' },
  });

  return [first.body, again.body];
}

describe('versioning in k8s mode (Grafana 12)', () => {
  it('keeps the version and the history when an identical dashboard is saved', async () => {
    const grafana = await startGrafanaEmulator();
    try {
      const answers = await saveTwice(grafana, {
        dashboard: { panels: [{ id: 1 }], title: ' Same ', uid: 'same', id: null, version: 99 },
      });

      expect(answers).toEqual([
        expect.objectContaining({ version: 1 }),
        expect.objectContaining({ version: 1 }),
      ]);
      expect(grafana.dashboard('same')?.historyLength).toBe(1);
    } finally {
      await grafana.close();
    }
  });

  it('bumps the version when the dashboard or its folder changes', async () => {
    const grafana = await startGrafanaEmulator();
    try {
      grafana.seedFolder({ uid: 'moved-to', title: 'Moved to' });
      const changed = await saveTwice(grafana, {
        dashboard: { uid: 'same', title: 'Same', panels: [{ id: 2 }] },
      });
      const moved = await callApi(grafana, {
        method: 'POST',
        path: '/api/dashboards/db',
        body: {
          dashboard: { uid: 'same', title: 'Same', panels: [{ id: 2 }], version: 2 },
          folderUid: 'moved-to',
        },
      });

      expect(changed[1]).toMatchObject({ version: 2 });
      expect(moved.body).toMatchObject({ version: 3, folderUid: 'moved-to' });
      expect(grafana.dashboard('same')?.historyLength).toBe(3);
    } finally {
      await grafana.close();
    }
  });
});

describe('versioning in legacy mode (Grafana 11)', () => {
  it('adds one to the version and a history row on every save, identical or not', async () => {
    const grafana = await startGrafanaEmulator({ versioning: 'legacy' });
    try {
      const answers = await saveTwice(grafana, {
        dashboard: { uid: 'same', title: 'Same', panels: [{ id: 1 }] },
      });

      expect(answers[1]).toMatchObject({ version: 2 });
      expect(grafana.dashboard('same')?.historyLength).toBe(2);
    } finally {
      await grafana.close();
    }
  });
});
