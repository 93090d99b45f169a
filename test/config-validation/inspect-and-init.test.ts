import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { Command } from 'commander';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { initCommand } from '../../src/cli/commands/init.js';
import { inspectCommand } from '../../src/cli/commands/inspect.js';
import { embedGeneratorMetadata, type GeneratorMetadata } from '../../src/generator/metadata.js';
import { parseManifests } from '../../src/manifest/parse-manifests.js';
import { assembleWat, echoCommandWat } from '../runtime/wat-fixtures.js';

const metadata: GeneratorMetadata = {
  name: 'queue-depth',
  version: '2.1.0',
  description: 'Depth and age of one message queue.',
  configSchema: {
    type: 'object',
    required: ['queue'],
    additionalProperties: false,
    properties: {
      queue: { type: 'string', description: 'The queue to chart.' },
      window: { type: 'string', default: '5m', description: 'Rate window.' },
      alert: { type: 'boolean', description: 'Add an alert rule.' },
    },
  },
  exampleConfig: { queue: 'orders' },
};

let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'dawg-inspect-init-'));
  const bytes = await assembleWat('echo', echoCommandWat());
  await writeFile(path.join(workDir, 'described.wasm'), embedGeneratorMetadata(bytes, metadata));
  await writeFile(path.join(workDir, 'bare.wasm'), bytes);
  const name = new TextEncoder().encode('dawg.generator');
  const payload = new TextEncoder().encode('{"name": "broken"');
  const section = Uint8Array.of(0, 1 + name.length + payload.length, name.length, ...name,
    ...payload);
  await writeFile(path.join(workDir, 'malformed.wasm'), Buffer.concat([bytes, section]));
});

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

/** Runs one command in `workDir`; resolves to its stdout, stderr and exit code, or rejects. */
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
  vi.spyOn(process, 'cwd').mockReturnValue(workDir);
  process.exitCode = undefined;

  try {
    await command.exitOverride().parseAsync([...args], { from: 'user' });
  } finally {
    vi.restoreAllMocks();
  }
  return { stdout: stdout.join(''), stderr: stderr.join(''), exitCode: process.exitCode };
}

describe('dawg inspect', () => {
  it('prints the metadata and a config template after the module facts', async () => {
    const result = await run(inspectCommand(), [path.join(workDir, 'described.wasm')]);

    expect(result.exitCode).toBe(0);
    expect(result.stdout.slice(result.stdout.indexOf('generator:'))).toBe([
      'generator:     queue-depth 2.1.0',
      'description:   Depth and age of one message queue.',
      'config schema: yes',
      'config template (dawg init dashboard writes it into a manifest):',
      '  # The queue to chart.',
      '  # required, string',
      '  queue: orders',
      '  # Rate window.',
      '  # optional, string, default "5m"',
      '  window: 5m',
      '  # also accepted: alert',
      '',
    ].join('\n'));
  });

  it('gives the metadata and the template in --json', async () => {
    const result = await run(inspectCommand(), [path.join(workDir, 'described.wasm'), '--json']);

    const printed = JSON.parse(result.stdout) as { metadata: unknown; configTemplate: string };
    expect(printed.metadata).toEqual(metadata);
    expect(printed.configTemplate).toContain('queue: orders\n');
  });

  it('says so when a generator carries no metadata', async () => {
    const text = await run(inspectCommand(), [path.join(workDir, 'bare.wasm')]);
    const json = await run(inspectCommand(), [path.join(workDir, 'bare.wasm'), '--json']);

    expect(text.stdout).toContain('generator:     (no dawg.generator section');
    expect(JSON.parse(json.stdout)).toMatchObject({ metadata: null, configTemplate: null });
  });

  it('fails on a malformed metadata section, naming the generator', async () => {
    const file = path.join(workDir, 'malformed.wasm');

    await expect(run(inspectCommand(), [file])).rejects.toMatchObject({
      code: 'GENERATOR_METADATA',
      message: expect.stringContaining(`generator ${file}: the generator metadata is not valid`),
    });
  });
});

describe('dawg init dashboard', () => {
  it('writes a manifest from the example config that points back at the module', async () => {
    const result = await run(initCommand(),
      ['dashboard', 'described.wasm', '-o', 'dashboards/orders.yaml', '--namespace', 'shop']);

    expect(result.exitCode).toBe(0);
    const text = await readFile(path.join(workDir, 'dashboards/orders.yaml'), 'utf8');
    const [outcome] = parseManifests(text, 'dashboards/orders.yaml');
    expect(outcome).toMatchObject({
      status: 'parsed',
      manifest: {
        name: 'queue-depth',
        namespace: 'shop',
        generator: 'file://../described.wasm',
        configValue: { queue: 'orders', window: '5m' },
      },
    });
  });

  it('refuses to overwrite a manifest unless --force is given', async () => {
    await writeFile(path.join(workDir, 'kept.yaml'), 'mine\n');

    await expect(run(initCommand(), ['dashboard', 'described.wasm', '-o', 'kept.yaml']))
      .rejects.toMatchObject({ code: 'USAGE', message: 'kept.yaml already exists' });
    expect(await readFile(path.join(workDir, 'kept.yaml'), 'utf8')).toBe('mine\n');
    await run(initCommand(), ['dashboard', 'described.wasm', '-o', 'kept.yaml', '--force']);
    expect(await readFile(path.join(workDir, 'kept.yaml'), 'utf8')).toContain('queue: orders');
  });

  it('writes an empty config for a generator without metadata, and says so', async () => {
    const result = await run(initCommand(), ['dashboard', 'file://bare.wasm', '-o', '-']);

    expect(result.stdout).toContain('  generator: file://bare.wasm\n  config: {}\n');
    expect(result.stdout).toContain('name: bare\n');
  });

  it('fails on a malformed metadata section instead of writing a manifest', async () => {
    await expect(run(initCommand(), ['dashboard', 'malformed.wasm', '-o', 'never.yaml']))
      .rejects.toMatchObject({ code: 'GENERATOR_METADATA' });
    await expect(readFile(path.join(workDir, 'never.yaml'))).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });
});

describe('dawg init generator', () => {
  it('lists what it created and the commands to build, test and render it', async () => {
    const result = await run(initCommand(), ['generator', 'gen-c', '--lang', 'c']);

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('created gen-c in gen-c:\n  src/generator.c\n');
    expect(result.stdout).toContain(
      'next:\n  cd gen-c\n  sh build.sh\n  node --disable-warning=ExperimentalWarning --test\n'
      + '  dawg render dashboard.yaml\n');
    expect(await readFile(path.join(workDir, 'gen-c/generator.json'), 'utf8'))
      .toContain('"name": "gen-c"');
  });
});
