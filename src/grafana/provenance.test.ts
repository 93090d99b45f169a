import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { detectProvenance, sourceFromRemoteUrl } from './provenance.js';

describe('sourceFromRemoteUrl', () => {
  it.each([
    ['git@github.com:acme/dashboards.git', 'github.com/acme/dashboards'],
    ['https://github.com/acme/dashboards.git', 'github.com/acme/dashboards'],
    ['https://x-access-token:s3cret@GitHub.com/acme/dashboards', 'github.com/acme/dashboards'],
    ['ssh://git@git.example.com:2222/team/obs/dash.git', 'git.example.com/team/obs/dash'],
  ])('reads %s as %s, without credentials', (url, expected) => {
    expect(sourceFromRemoteUrl(url)).toBe(expected);
  });

  it('gives nothing for a local path', () => {
    expect(sourceFromRemoteUrl('/srv/git/dashboards.git')).toBeUndefined();
    expect(sourceFromRemoteUrl('file:///srv/git/dashboards.git')).toBeUndefined();
  });
});

describe('detectProvenance', () => {
  const folders: string[] = [];
  afterEach(async () => {
    await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true })));
  });

  it('prefers the chosen source, then DAWG_SOURCE, then the GitHub repository', async () => {
    const env = {
      DAWG_SOURCE: 'from-env',
      GITHUB_REPOSITORY: 'acme/dashboards',
      GITHUB_SHA: 'abc123',
    };

    const chosen = await detectProvenance({ cwd: '.', source: 'chosen', env });
    const fromEnv = await detectProvenance({ cwd: '.', env });
    const fromGithub = await detectProvenance({ cwd: '.', env: { ...env, DAWG_SOURCE: '' } });

    expect(chosen).toEqual({ source: 'chosen', commit: 'abc123' });
    expect(fromEnv.source).toBe('from-env');
    expect(fromGithub.source).toBe('github.com/acme/dashboards');
  });

  it('falls back to the folder name outside a repository', async () => {
    const parent = await mkdtemp(path.join(tmpdir(), 'dawg-provenance-'));
    folders.push(parent);
    const cwd = path.join(parent, 'My Dashboards');
    await mkdir(cwd);

    const provenance = await detectProvenance({ cwd, env: {} });

    expect(provenance).toEqual({ source: 'My-Dashboards', commit: undefined });
  });

  it('refuses an unusable chosen source with USAGE', async () => {
    await expect(detectProvenance({ cwd: '.', source: 'has space', env: {} })).rejects
      .toMatchObject({ code: 'USAGE' });
  });
});
