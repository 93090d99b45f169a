import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { inspectCommand } from '../../src/cli/commands/inspect.js';
import { lockCommand } from '../../src/cli/commands/lock.js';
import { pullCommand } from '../../src/cli/commands/pull.js';
import { pushCommand } from '../../src/cli/commands/push.js';
import { renderCommand } from '../../src/cli/commands/render.js';
import { sha256Digest } from '../../src/generator/digest.js';
import { startRegistry, type TestRegistry } from '../registry/registry-harness.js';
import { dashboardGenerator, tinyModule } from './test-content.js';

let registry: TestRegistry;
let workDir: string;
const module = tinyModule('cli-commands');

beforeAll(async () => {
  registry = await startRegistry();
  workDir = await mkdtemp(path.join(os.tmpdir(), 'dawg-oci-cli-'));
  await writeFile(path.join(workDir, 'gen.wasm'), module);
});

afterAll(async () => {
  await registry?.stop();
  await rm(workDir, { recursive: true, force: true });
});

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

/** Runs one command with its arguments; resolves to its stdout, stderr and exit code. */
async function run(command: Command, args: readonly string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout.push(String(chunk));
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr.push(String(chunk));
    return true;
  });
  process.exitCode = undefined;

  await command.exitOverride().parseAsync([...args, '--cache-dir', path.join(workDir, 'cache')],
    { from: 'user' });

  vi.restoreAllMocks();
  return { stdout: stdout.join(''), stderr: stderr.join(''), exitCode: process.exitCode };
}

describe('dawg push, pull and inspect', () => {
  it('pushes a module, prints the manifest digest, and pulls the same bytes back', async () => {
    const target = `oci://${registry.host}/cli/gen:v1`;
    const output = path.join(workDir, 'pulled.wasm');

    const pushed = await run(pushCommand(), [path.join(workDir, 'gen.wasm'), target]);
    const pulled = await run(pullCommand(), [target, '-o', output]);

    expect(pushed.exitCode).toBe(0);
    expect(pushed.stdout).toMatch(/^sha256:[a-f0-9]{64}\n$/);
    expect(pulled.stdout).toBe(`${sha256Digest(module)}\n`);
    expect(new Uint8Array(await readFile(output))).toEqual(module);
  });

  it('inspects a pushed generator as JSON: digests, media types, convention, imports',
    async () => {
      const generator = await dashboardGenerator('Inspected');
      const file = path.join(workDir, 'inspected.wasm');
      await writeFile(file, generator);
      const target = `registry://${registry.host}/cli/inspected:v1`;
      await run(pushCommand(), [file, target]);

      const inspected = await run(inspectCommand(), [target, '--json']);

      expect(JSON.parse(inspected.stdout)).toMatchObject({
        reference: `oci://${registry.host}/cli/inspected:v1`,
        artifactType: 'application/vnd.dawg.generator.v1',
        layerMediaType: 'application/wasm',
        digest: sha256Digest(generator),
        sizeBytes: generator.length,
        convention: 'command',
        imports: ['wasi_snapshot_preview1.fd_write'],
        exports: ['memory', '_start'],
      });
    });

  it('refuses to inspect a module the sandbox would not run, saying why', async () => {
    const result = run(inspectCommand(), [path.join(workDir, 'gen.wasm')]);

    await expect(result).rejects.toMatchObject({ code: expect.stringMatching(/^GENERATOR_/) });
  });

  it('refuses to push a file that is not a wasm module', async () => {
    const notWasm = path.join(workDir, 'notes.txt');
    await writeFile(notWasm, 'hello');

    const result = run(pushCommand(), [notWasm, `oci://${registry.host}/cli/notes:v1`]);

    await expect(result).rejects.toMatchObject({ code: 'GENERATOR_INVALID_MODULE' });
  });
});

describe('dawg lock', () => {
  it('writes the lock file, then --check passes until the tag moves', async () => {
    const target = `oci://${registry.host}/cli/locked:v1`;
    await run(pushCommand(), [path.join(workDir, 'gen.wasm'), target]);
    const manifest = path.join(workDir, 'dashboards.yaml');
    await writeFile(manifest, `apiVersion: dawg.urcloud.cc/v1
kind: Dashboard
metadata:
  name: checkout
  namespace: shop
spec:
  generator: ${target}
  config: {}
`);
    const lockFile = path.join(workDir, 'dawg-lock.json');

    const written = await run(lockCommand(), [manifest, '--lock-file', lockFile]);
    const checked = await run(lockCommand(), [manifest, '--lock-file', lockFile, '--check']);
    await writeFile(path.join(workDir, 'other.wasm'), tinyModule('cli-moved'));
    await run(pushCommand(), [path.join(workDir, 'other.wasm'), target]);
    const stale = await run(lockCommand(), [manifest, '--lock-file', lockFile, '--check']);

    expect(written.exitCode).toBe(0);
    expect(JSON.parse(await readFile(lockFile, 'utf8')).generators)
      .toHaveProperty([`${registry.host}/cli/locked:v1`]);
    expect(checked.exitCode).toBe(0);
    expect(stale.exitCode).toBe(1);
    expect(stale.stderr).toContain('out of date');
  });
});

describe('dawg render --frozen-lock', () => {
  it('refuses an unlocked tag with LOCK_STALE, then renders once dawg lock ran', async () => {
    const generator = await dashboardGenerator('Frozen');
    const file = path.join(workDir, 'frozen.wasm');
    await writeFile(file, generator);
    const target = `oci://${registry.host}/cli/frozen:v1`;
    await run(pushCommand(), [file, target]);
    const project = path.join(workDir, 'frozen-project');
    await mkdir(project, { recursive: true });
    const manifest = path.join(project, 'dashboards.yaml');
    await writeFile(manifest, `apiVersion: dawg.urcloud.cc/v1
kind: Dashboard
metadata:
  name: frozen
spec:
  generator: ${target}
`);
    const lockFile = path.join(project, 'dawg-lock.json');
    const outDir = path.join(project, 'out');
    const renderArgs = [manifest, '--lock-file', lockFile, '--frozen-lock', '--out-dir', outDir,
      '--workers', '1'];

    const refused = await run(renderCommand(), renderArgs);
    await run(lockCommand(), [manifest, '--lock-file', lockFile]);
    const rendered = await run(renderCommand(), renderArgs);

    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('does not exist');
    expect(refused.stderr).toContain('LOCK_STALE');
    expect(rendered.exitCode).toBe(0);
    expect(JSON.parse(await readFile(path.join(outDir, 'default', 'frozen.json'), 'utf8')))
      .toMatchObject({ title: 'Frozen' });
  });
});
