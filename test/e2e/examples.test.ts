import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { renderProject } from '../../src/pipeline.js';

const repository = fileURLToPath(new URL('../../', import.meta.url));

/** Every file under `folder`, relative to it, sorted. */
async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
    .sort();
}

describe('the bundled examples', () => {
  it('render without a failure, and the committed out/ is what they render now', async () => {
    const outDir = await mkdtemp(path.join(os.tmpdir(), 'dawg-examples-'));

    const result = await renderProject({
      cwd: repository,
      patterns: ['dashboards'],
      outDir: path.relative(repository, outDir),
    });

    expect(result.failures.map((failure) => failure.error.message)).toEqual([]);
    expect(result.dashboards.length).toBeGreaterThanOrEqual(4);
    const committed = await listFiles(path.join(repository, 'out'));
    expect(await listFiles(outDir)).toEqual(committed);
    for (const file of committed) {
      const fresh = await readFile(path.join(outDir, file), 'utf8');
      const stale = await readFile(path.join(repository, 'out', file), 'utf8');
      expect(fresh, `out/${file} is stale: run \`npx dawg render\` and commit out/`).toBe(stale);
    }
  });
});
