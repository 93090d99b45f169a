import { mkdir, mkdtemp, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { removeStaleOutput, writeOutputFiles } from './write-output.js';

const file = { relativePath: 'shop/a.json', content: '{}\n' };

async function tempDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'dawg-out-'));
}

describe('writeOutputFiles', () => {
  it('writes new files and leaves no temporary file behind', async () => {
    const outDir = await tempDir();

    const result = await writeOutputFiles(outDir, [file]);

    expect(result.written).toEqual(['shop/a.json']);
    expect(await readFile(path.join(outDir, 'shop/a.json'), 'utf8')).toBe('{}\n');
    expect(await readdir(path.join(outDir, 'shop'))).toEqual(['a.json']);
  });

  it('does not rewrite a file whose content is already right', async () => {
    const outDir = await tempDir();
    await writeOutputFiles(outDir, [{ relativePath: 'shop/a.json', content: '{}\n' }]);
    const before = await stat(path.join(outDir, 'shop/a.json'));

    const result = await writeOutputFiles(outDir, [file]);

    expect(result).toEqual({ written: [], unchanged: ['shop/a.json'] });
    expect((await stat(path.join(outDir, 'shop/a.json'))).mtimeMs).toBe(before.mtimeMs);
  });
});

describe('removeStaleOutput', () => {
  it('removes only dashboard files no manifest renders, and empty namespace folders', async () => {
    const outDir = await tempDir();
    await mkdir(path.join(outDir, 'shop'), { recursive: true });
    await mkdir(path.join(outDir, 'gone'), { recursive: true });
    await writeFile(path.join(outDir, 'shop/kept.json'), '{}');
    await writeFile(path.join(outDir, 'shop/old.json'), '{}');
    await writeFile(path.join(outDir, 'shop/notes.txt'), 'mine');
    await writeFile(path.join(outDir, 'gone/x.json'), '{}');
    await writeFile(path.join(outDir, 'README.md'), 'mine');

    const removed = await removeStaleOutput(outDir, new Set(['shop/kept.json']));

    expect(removed).toEqual(['gone/x.json', 'shop/old.json']);
    expect((await readdir(outDir)).sort()).toEqual(['README.md', 'shop']);
    expect((await readdir(path.join(outDir, 'shop'))).sort()).toEqual(['kept.json', 'notes.txt']);
  });
});
