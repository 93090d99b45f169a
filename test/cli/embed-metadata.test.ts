import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { main } from '../../src/cli/main.js';
import { readGeneratorMetadata } from '../../src/generator/metadata.js';
import { assembleWat, echoCommandWat } from '../runtime/wat-fixtures.js';

describe('dawg embed-metadata', () => {
  it('writes generator.json into the module as its dawg.generator section', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'dawg-embed-'));
    const module = path.join(folder, 'gen.wasm');
    await writeFile(module, await assembleWat('echo', echoCommandWat()));
    await writeFile(path.join(folder, 'generator.json'), JSON.stringify({
      name: 'echo',
      version: '1.2.0',
      configSchema: { type: 'object', properties: {} },
    }));

    const code = await main(['node', 'dawg', 'embed-metadata', module, path.join(folder, 'generator.json')]);

    expect(code).toBe(0);
    expect(readGeneratorMetadata(new Uint8Array(await readFile(module)))).toMatchObject({
      name: 'echo',
      version: '1.2.0',
    });
  });

  it('refuses a generator.json without a version, naming the file and leaving the module alone', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'dawg-embed-'));
    const module = path.join(folder, 'gen.wasm');
    const bytes = await assembleWat('echo', echoCommandWat());
    await writeFile(module, bytes);
    await writeFile(path.join(folder, 'generator.json'), '{"name":"echo"}');
    const written: string[] = [];
    const stderr = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => written.push(String(chunk)) > 0) as typeof process.stderr.write;

    const code = await main(['node', 'dawg', 'embed-metadata', module, path.join(folder, 'generator.json')])
      .finally(() => { process.stderr.write = stderr; });

    expect(code).toBe(1);
    expect(written.join('')).toMatch(/generator\.json: the generator metadata field "version"/);
    expect(Buffer.compare(await readFile(module), Buffer.from(bytes))).toBe(0);
  });
});
