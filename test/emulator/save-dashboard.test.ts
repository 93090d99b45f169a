import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { callApi, type ApiAnswer } from './call-api.js';
import {
  startGrafanaEmulator,
  type GrafanaEmulator,
  type GrafanaEmulatorOptions,
} from './grafana-emulator.js';

let grafana: GrafanaEmulator;

beforeAll(async () => {
  grafana = await startGrafanaEmulator();
});

afterAll(async () => {
  await grafana.close();
});

function save(body: unknown, target: GrafanaEmulator = grafana): Promise<ApiAnswer> {
  return callApi(target, { method: 'POST', path: '/api/dashboards/db', body });
}

async function withEmulator(
  options: GrafanaEmulatorOptions,
  test: (emulator: GrafanaEmulator) => Promise<void>,
): Promise<void> {
  const emulator = await startGrafanaEmulator(options);
  try {
    await test(emulator);
  } finally {
    await emulator.close();
  }
}

describe('POST /api/dashboards/db request checks', () => {
  it('answers a body that is not JSON with 400 bad request data', async () => {
    const answer = await callApi(grafana, {
      method: 'POST',
      path: '/api/dashboards/db',
      rawBody: '{"dashboard": ',
    });

    expect(answer.status).toBe(400);
    expect(answer.contentType).toBe('application/json');
    expect(answer.body).toEqual({ message: 'bad request data', traceID: '' });
  });

  it('treats a missing dashboard or a mistyped field as bad request data', async () => {
    const missing = await save({ folderUid: '' });
    const mistyped = await save({ dashboard: { title: 'x' }, overwrite: 'yes' });

    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ message: 'bad request data', traceID: '' });
    expect(mistyped.status).toBe(400);
    expect(mistyped.body).toEqual({ message: 'bad request data', traceID: '' });
  });

  it('sends folders to the folders endpoint before checking the title', async () => {
    const answer = await save({ dashboard: { title: '' }, isFolder: true });

    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ message: 'Use folders endpoint for saving folders.' });
  });

  it('refuses a title that is empty after trimming with empty-name', async () => {
    const answer = await save({ dashboard: { uid: 'bad uid!', title: '   ' } });

    expect(answer.status).toBe(400);
    expect(answer.contentType).toBe('application/json');
    expect(answer.body).toEqual({
      status: 'empty-name',
      message: 'Dashboard title cannot be empty',
    });
  });

  it('refuses a title over 5000 characters and a message over 500', async () => {
    const longTitle = await save({ dashboard: { title: 'x'.repeat(5001) } });
    const longMessage = await save({ dashboard: { title: 'ok' }, message: 'm'.repeat(501) });

    expect(longTitle.status).toBe(400);
    expect(longTitle.body).toEqual({
      status: 'title-too-long',
      message: 'Dashboard title cannot contain more than 5 000 characters',
    });
    expect(longMessage.status).toBe(400);
    expect(longMessage.body).toEqual({ message: 'message too long, max 500 characters' });
  });

  it('refuses uids with illegal characters or over 40 characters', async () => {
    const illegal = await save({ dashboard: { uid: 'a/b', title: 'Illegal uid' } });
    const tooLong = await save({ dashboard: { uid: 'u'.repeat(41), title: 'Long uid' } });
    const longest = await save({ dashboard: { uid: 'u'.repeat(40), title: 'Longest uid' } });

    expect(illegal.status).toBe(400);
    expect(illegal.body).toEqual({ message: 'uid contains illegal characters' });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toEqual({ message: 'uid too long, max 40 characters' });
    expect(longest.status).toBe(200);
  });

  it('trims the title and uid, and generates a uid when none is sent', async () => {
    const trimmed = await save({ dashboard: { uid: ' trim-me ', title: '  Trimmed  ' } });
    const generated = await save({ dashboard: { title: 'No uid' } });

    expect(trimmed.body).toMatchObject({ uid: 'trim-me', slug: 'trimmed' });
    expect(grafana.dashboard('trim-me')?.dashboard['title']).toBe('Trimmed');
    const uid = (generated.body as { uid: string }).uid;
    expect(uid).toMatch(/^[A-Za-z0-9_-]{1,40}$/);
    expect(grafana.dashboard(uid)?.version).toBe(1);
  });

  it('raises a refresh below the minimum to the minimum and keeps the rest', async () => {
    await save({ dashboard: { uid: 'refresh-fast', title: 'Fast', refresh: '1s' } });
    await save({ dashboard: { uid: 'refresh-slow', title: 'Slow', refresh: '1m' } });
    await save({ dashboard: { uid: 'refresh-auto', title: 'Auto', refresh: 'auto' } });
    await save({ dashboard: { uid: 'refresh-off', title: 'Off', refresh: false } });

    expect(grafana.dashboard('refresh-fast')?.dashboard['refresh']).toBe('5s');
    expect(grafana.dashboard('refresh-slow')?.dashboard['refresh']).toBe('1m');
    expect(grafana.dashboard('refresh-auto')?.dashboard['refresh']).toBe('auto');
    expect(grafana.dashboard('refresh-off')?.dashboard['refresh']).toBe(false);
  });

  it('uses the configured minimum refresh interval', async () => {
    await withEmulator({ minRefreshInterval: '1m' }, async (emulator) => {
      await save({ dashboard: { uid: 'r30', title: 'Thirty', refresh: '30s' } }, emulator);
      await save({ dashboard: { uid: 'r1h', title: 'Hour', refresh: '1h' } }, emulator);

      expect(emulator.dashboard('r30')?.dashboard['refresh']).toBe('1m');
      expect(emulator.dashboard('r1h')?.dashboard['refresh']).toBe('1h');
    });
  });
});

describe('POST /api/dashboards/db folders', () => {
  it('answers an unknown folderUid with 400 folder not found', async () => {
    const answer = await save({ dashboard: { title: 'Lost' }, folderUid: 'no-such-folder' });

    expect(answer.status).toBe(400);
    expect(answer.contentType).toBe('application/json');
    expect(answer.body).toEqual({ message: 'folder not found' });
  });

  it('saves into a folder, and moves to the root when folderUid is omitted', async () => {
    grafana.seedFolder({ uid: 'save-folder', title: 'Save folder' });

    const inFolder = await save({
      dashboard: { uid: 'moves', title: 'Moves' },
      folderUid: 'save-folder',
    });
    const toRoot = await save({ dashboard: { uid: 'moves', title: 'Moves', version: 1 } });

    expect(inFolder.body).toMatchObject({ folderUid: 'save-folder', version: 1 });
    expect(toRoot.body).toMatchObject({ folderUid: '', version: 2 });
    expect(grafana.dashboard('moves')?.folderUid).toBe('');
  });

  it('accepts the deprecated folderId when folderUid is empty', async () => {
    grafana.seedFolder({ uid: 'by-id-folder', title: 'By id' });
    const folder = await callApi(grafana, { path: '/api/folders/by-id-folder' });
    const folderId = (folder.body as { id: number }).id;

    const answer = await save({ dashboard: { uid: 'by-folder-id', title: 'By id' }, folderId });

    expect(answer.body).toMatchObject({ folderUid: 'by-id-folder' });
  });
});

describe('POST /api/dashboards/db identity and versions', () => {
  it('answers an unknown id with 404 not-found', async () => {
    const answer = await save({ dashboard: { id: 12345, title: 'Unknown id' } });

    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ status: 'not-found', message: 'Dashboard not found' });
  });

  it('refuses an id and a uid that name different dashboards', async () => {
    const first = grafana.seedDashboard({ dashboard: { uid: 'pair-a', title: 'Pair A' } });
    grafana.seedDashboard({ dashboard: { uid: 'pair-b', title: 'Pair B' } });

    const answer = await save({
      dashboard: { id: first.id, uid: 'pair-b', title: 'Pair', version: 1 },
    });

    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ message: 'A dashboard with the same uid already exists' });
  });

  it('adopts the stored id when only the uid matches and returns the success body', async () => {
    const seeded = grafana.seedDashboard({ dashboard: { uid: 'adopt', title: 'Adopt' } });

    const answer = await save({ dashboard: { uid: 'adopt', title: 'Adopt me', version: 1 } });

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      status: 'success',
      id: seeded.id,
      uid: 'adopt',
      url: '/d/adopt/adopt-me',
      version: 2,
      slug: 'adopt-me',
      folderUid: '',
    });
    expect(seeded.id).toBeGreaterThanOrEqual(2 ** 40);
  });

  it('answers a stale or missing version with 412 unless overwrite is set', async () => {
    grafana.seedDashboard({ dashboard: { uid: 'locked', title: 'Locked' } });
    const mismatch = {
      status: 'version-mismatch',
      message: 'The dashboard has been changed by someone else',
    };

    const stale = await save({ dashboard: { uid: 'locked', title: 'Stale', version: 7 } });
    const missing = await save({ dashboard: { uid: 'locked', title: 'No version' } });
    const textual = await save({ dashboard: { uid: 'locked', title: 'Text', version: '1' } });
    const forced = await save({
      dashboard: { uid: 'locked', title: 'Forced', version: 7 },
      overwrite: true,
    });

    expect(stale.status).toBe(412);
    expect(stale.contentType).toBe('application/json');
    expect(stale.body).toEqual(mismatch);
    expect(missing.status).toBe(412);
    expect(textual.status).toBe(412);
    expect(forced.status).toBe(200);
    expect(forced.body).toMatchObject({ version: 2 });
  });

  it('refuses to save a plugin dashboard without overwrite', async () => {
    grafana.seedDashboard({ dashboard: { uid: 'plugged', title: 'Plugged' }, pluginId: 'acme' });

    const refused = await save({ dashboard: { uid: 'plugged', title: 'Mine', version: 1 } });
    const forced = await save({
      dashboard: { uid: 'plugged', title: 'Mine', version: 1 },
      overwrite: true,
    });

    expect(refused.status).toBe(412);
    expect(refused.body).toEqual({
      status: 'plugin-dashboard',
      message: 'The dashboard belongs to plugin acme.',
    });
    expect(forced.status).toBe(200);
  });

  it('refuses to save a provisioned dashboard, after the version check', async () => {
    grafana.seedDashboard({ dashboard: { uid: 'provisioned', title: 'Prov' }, provisioned: true });

    const stale = await save({ dashboard: { uid: 'provisioned', title: 'P', version: 9 } });
    const current = await save({
      dashboard: { uid: 'provisioned', title: 'P', version: 9 },
      overwrite: true,
    });

    expect(stale.status).toBe(412);
    expect(current.status).toBe(400);
    expect(current.body).toEqual({ message: 'Cannot save provisioned dashboard' });
    expect(grafana.dashboard('provisioned')?.dashboard['title']).toBe('Prov');
  });

  it('keeps unknown keys and gives id, uid and version back with sorted keys', async () => {
    await save({
      dashboard: { uid: 'verbatim', title: 'Verbatim', zeta: { b: 1, a: [{ y: 1, x: 2 }] } },
    });

    const answer = await callApi(grafana, { path: '/api/dashboards/uid/verbatim' });

    const dashboard = (answer.body as { dashboard: Record<string, unknown> }).dashboard;
    expect(JSON.stringify(dashboard)).toBe(JSON.stringify({
      id: dashboard['id'],
      title: 'Verbatim',
      uid: 'verbatim',
      version: 1,
      zeta: { a: [{ x: 2, y: 1 }], b: 1 },
    }));
  });
});

describe('POST /api/dashboards/db titles', () => {
  it('stores dashboards with the same title in the same folder by default', async () => {
    const first = await save({ dashboard: { uid: 'twin-1', title: 'Twin' } });
    const second = await save({ dashboard: { uid: 'twin-2', title: 'Twin' } });

    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
  });

  it('refuses duplicate titles before 11.3; overwrite takes over the namesake', async () => {
    await withEmulator({ uniqueTitles: true }, async (emulator) => {
      const original = emulator.seedDashboard({ dashboard: { uid: 'orig', title: 'Same' } });
      emulator.seedFolder({ uid: 'same-folder', title: 'Folder name' });

      const refused = await save({ dashboard: { uid: 'copy', title: 'Same' } }, emulator);
      const takenOver = await save(
        { dashboard: { uid: 'copy', title: 'Same', tags: ['new'] }, overwrite: true },
        emulator,
      );
      const asFolder = await save({ dashboard: { uid: 'f', title: 'Folder name' } }, emulator);

      expect(refused.status).toBe(412);
      expect(refused.body).toEqual({
        status: 'name-exists',
        message: 'A dashboard with the same name in the folder already exists',
      });
      expect(takenOver.body).toMatchObject({ uid: 'orig', id: original.id, version: 2 });
      expect(emulator.dashboard('copy')).toBeUndefined();
      expect(asFolder.status).toBe(400);
      expect(asFolder.body).toEqual({
        status: 'name-match',
        message: 'Dashboard name cannot be the same as folder',
      });
    });
  });
});

describe('POST /api/dashboards/db limits', () => {
  it('answers a new dashboard beyond the quota with 403 Quota reached', async () => {
    await withEmulator({ dashboardQuota: 1 }, async (emulator) => {
      const first = await save({ dashboard: { uid: 'q1', title: 'One' } }, emulator);
      const update = await save({ dashboard: { uid: 'q1', title: 'One', version: 1 } }, emulator);
      const second = await save({ dashboard: { uid: 'q2', title: 'Two' } }, emulator);

      expect(first.status).toBe(200);
      expect(update.status).toBe(200);
      expect(second.status).toBe(403);
      expect(second.body).toEqual({ message: 'Quota reached' });
    });
  });

  it('answers a dashboard over the size limit with 413', async () => {
    await withEmulator({ maxDashboardBytes: 1024 * 1024 }, async (emulator) => {
      const big = { uid: 'big', title: 'Big', blob: 'x'.repeat(1024 * 1024) };

      const answer = await save({ dashboard: big }, emulator);

      expect(answer.status).toBe(413);
      expect(answer.body).toEqual({ message: 'Dashboard is too large, max is 1 MB' });
    });
  });
});
