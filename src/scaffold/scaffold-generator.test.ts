import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { scaffoldGenerator } from './scaffold-generator.js';

async function freshFolder(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'dawg-scaffold-unit-'));
}

describe('scaffoldGenerator', () => {
  it('writes source, build script, metadata, test and example manifest for C', async () => {
    const cwd = await freshFolder();

    const result = await scaffoldGenerator({ directory: 'disk-usage', language: 'c', cwd });

    expect(result.name).toBe('disk-usage');
    expect([...result.files].sort()).toEqual([
      '.gitignore', 'README.md', 'build.sh', 'dashboard.yaml', 'generator.json',
      'src/generator.c', 'src/json.c', 'src/json.h', 'test/generator.test.mjs',
    ]);
    expect((await stat(path.join(cwd, 'disk-usage/build.sh'))).mode & 0o111).not.toBe(0);
    const manifest = await readFile(path.join(cwd, 'disk-usage/dashboard.yaml'), 'utf8');
    expect(manifest).toContain('generator: file://build/disk-usage.wasm');
  });

  it('names the package and metadata of an AssemblyScript scaffold after --name', async () => {
    const cwd = await freshFolder();

    const result = await scaffoldGenerator({
      directory: 'Generators/Queue', language: 'assemblyscript', name: 'queue-depth', cwd,
    });

    const packageJson = JSON.parse(await readFile(
      path.join(result.directory, 'package.json'), 'utf8')) as { name: string };
    const metadata = JSON.parse(await readFile(
      path.join(result.directory, 'generator.json'), 'utf8')) as { name: string };
    expect(packageJson.name).toBe('queue-depth');
    expect(metadata.name).toBe('queue-depth');
    expect(result.files).toContain('assembly/index.ts');
    expect(result.files).toContain('assembly/sdk/index.ts');
    const generator = await readFile(path.join(result.directory, 'assembly/index.ts'), 'utf8');
    expect(generator).toContain("from './sdk';");
  });

  it('refuses a folder that is not empty and writes nothing into it', async () => {
    const cwd = await freshFolder();
    await writeFile(path.join(cwd, 'keep.txt'), 'mine');

    await expect(scaffoldGenerator({ directory: '.', language: 'c', name: 'x', cwd }))
      .rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('not empty') });
    expect(await readdir(cwd)).toEqual(['keep.txt']);
  });

  it('refuses a folder name that cannot be a generator name unless --name is given', async () => {
    const cwd = await freshFolder();

    await expect(scaffoldGenerator({ directory: 'My_Generator', language: 'c', cwd }))
      .rejects.toMatchObject({ code: 'USAGE', hint: expect.stringContaining('--name') });
    expect(await readdir(cwd)).toEqual([]);
  });
});
