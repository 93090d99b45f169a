import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { findManifestFiles } from './find-manifests.js';

let cwd = '';

beforeAll(async () => {
  cwd = await mkdtemp(path.join(os.tmpdir(), 'dawg-find-'));
  const files = [
    'dashboards/a.yaml',
    'dashboards/team/b.yml',
    'dashboards/notes.txt',
    'other/c.yaml',
    'node_modules/pkg/d.yaml',
    'out/default/e.yaml',
    '.github/workflows/ci.yml',
  ];
  for (const file of files) {
    await mkdir(path.dirname(path.join(cwd, file)), { recursive: true });
    await writeFile(path.join(cwd, file), 'kind: x\n');
  }
});

describe('findManifestFiles', () => {
  it('searches every YAML file but node_modules, out/ and dot folders by default', async () => {
    const found = await findManifestFiles({ cwd });

    expect(found.files).toEqual(['dashboards/a.yaml', 'dashboards/team/b.yml', 'other/c.yaml']);
    expect(found.isWholeProject).toBe(true);
  });

  it('takes files, folders and globs, and says which matched nothing', async () => {
    const found = await findManifestFiles({
      cwd,
      patterns: ['other/c.yaml', 'dashboards/team', 'missing/*.yaml'],
    });

    expect(found.files).toEqual(['dashboards/team/b.yml', 'other/c.yaml']);
    expect(found.isWholeProject).toBe(false);
    expect(found.unmatchedPatterns).toEqual(['missing/*.yaml']);
  });

  it('leaves out what the user excludes', async () => {
    const found = await findManifestFiles({ cwd, exclude: ['other/**'] });

    expect(found.files).toEqual(['dashboards/a.yaml', 'dashboards/team/b.yml']);
  });
});
