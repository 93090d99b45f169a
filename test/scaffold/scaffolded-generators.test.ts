import { execFile } from 'node:child_process';
import { mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { beforeAll, describe, expect, it } from 'vitest';

import { readGeneratorMetadata } from '../../src/generator/metadata.js';
import { renderProject } from '../../src/pipeline.js';
import {
  generatorLanguages,
  scaffoldGenerator,
  type GeneratorLanguage,
  type ScaffoldGeneratorResult,
} from '../../src/scaffold/scaffold-generator.js';

const runFile = promisify(execFile);
const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Runs a scaffold's own command line, as its README tells a user to. */
async function runCommand(command: string, cwd: string): Promise<string> {
  const { stdout, stderr } = await runFile('sh', ['-c', command], { cwd });
  return `${stdout}${stderr}`;
}

async function requireClang(): Promise<void> {
  await runCommand('command -v clang', repositoryRoot).catch(() => {
    throw new Error('clang is not installed; the C scaffold test needs it: apt-get install '
      + 'clang lld wasi-libc libclang-rt-dev-wasm32 (scripts/setup-test-env.sh does this)');
  });
}

/**
 * Scaffolds into a fresh folder and builds with the scaffold's own commands. The AssemblyScript
 * scaffold gets this repository's node_modules in place of `npm install`, which needs the
 * network; they hold the same assemblyscript and wasi-shim versions its package.json asks for.
 */
async function scaffoldAndBuild(language: GeneratorLanguage): Promise<ScaffoldGeneratorResult> {
  const parent = await mkdtemp(path.join(os.tmpdir(), `dawg-scaffold-${language}-`));
  const scaffold = await scaffoldGenerator({ directory: `http-${language}`, language,
    cwd: parent });
  if (language === 'c') {
    await requireClang();
  } else {
    await symlink(path.join(repositoryRoot, 'node_modules'),
      path.join(scaffold.directory, 'node_modules'), 'dir');
  }
  await runCommand(scaffold.commands.build, scaffold.directory);
  return scaffold;
}

describe('the published package', () => {
  it('ships the SDK that an AssemblyScript scaffold copies', async () => {
    const { stdout } = await runFile('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'],
      { cwd: repositoryRoot });

    const [packed] = JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>;
    const paths = packed?.files.map((file) => file.path) ?? [];
    expect(paths).toContain('generators/sdk/assembly/index.ts');
    expect(paths).toContain('generators/sdk/assembly/config.ts');
  });
});

describe.each(generatorLanguages)('a scaffolded %s generator', (language) => {
  let scaffold: ScaffoldGeneratorResult;
  const wasmFile = (): string => path.join(scaffold.directory, 'build', `${scaffold.name}.wasm`);

  beforeAll(async () => {
    scaffold = await scaffoldAndBuild(language);
  });

  it('passes the test it comes with', async () => {
    const output = await runCommand(scaffold.commands.test, scaffold.directory);

    expect(output).toMatch(/^# pass 4$/m);
    expect(output).toMatch(/^# fail 0$/m);
  });

  it('renders its example manifest on the first try', async () => {
    const result = await renderProject({ cwd: scaffold.directory, patterns: ['dashboard.yaml'] });

    expect(result.failures).toEqual([]);
    expect(result.dashboards.map((dashboard) => dashboard.title)).toEqual(['checkout overview']);
    const written = JSON.parse(await readFile(
      path.join(scaffold.directory, 'out', 'default', `${scaffold.name}.json`), 'utf8')) as {
      panels: unknown[];
    };
    expect(written.panels).toHaveLength(2);
  });

  it('embeds generator.json as the metadata DAWG reads', async () => {
    const generatorJson = await readFile(path.join(scaffold.directory, 'generator.json'), 'utf8');

    const metadata = readGeneratorMetadata(new Uint8Array(await readFile(wasmFile())));

    expect(metadata).toEqual(JSON.parse(generatorJson));
  });

  it('has its config checked against the embedded schema before it runs', async () => {
    const manifest = (await readFile(path.join(scaffold.directory, 'dashboard.yaml'), 'utf8'))
      .replace('metadata:\n  name: ', 'metadata:\n  name: broken-')
      .replace('service: checkout', 'servic: checkout');
    await writeFile(path.join(scaffold.directory, 'broken.yaml'), manifest);
    const line = manifest.split('\n').findIndex((text) => text.includes('servic:')) + 1;

    const result = await renderProject({ cwd: scaffold.directory, patterns: ['broken.yaml'],
      write: false });

    expect(result.failures.map((failure) => failure.error)).toMatchObject([{
      code: 'CONFIG_INVALID',
      message: 'unknown field spec.config.servic (did you mean service?)',
      location: { file: 'broken.yaml', line, column: 5 },
    }]);
  });

  it('builds byte for byte the same module twice', async () => {
    const first = await readFile(wasmFile());

    await runCommand(scaffold.commands.build, scaffold.directory);

    expect(Buffer.compare(await readFile(wasmFile()), first)).toBe(0);
  });
});
