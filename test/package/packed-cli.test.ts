import { execFile, type ExecFileException } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The npm package as users get it: `npm pack`, installed into an empty project, run with
 * `npx dawg`. Only the tarball's own files and its runtime dependencies are there, so a
 * missing file in "files" or an import of a dev dependency fails here.
 */

const repository = fileURLToPath(new URL('../../', import.meta.url));

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      maxBuffer: 64 * 1024 * 1024,
    }, (error: ExecFileException | null, stdout, stderr) => {
      resolve({ code: exitCodeOf(error), stdout, stderr });
    });
  });
}

function exitCodeOf(error: ExecFileException | null): number {
  if (error === null) {
    return 0;
  }
  return typeof error.code === 'number' ? error.code : 1;
}

async function runOrThrow(command: string, args: readonly string[], cwd: string): Promise<Run> {
  const result = await run(command, args, { cwd });
  if (result.code !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.code}:\n${result.stderr}`);
  }
  return result;
}

let workspace: string;
let project: string;
let packedFiles: string[];

/** `npx dawg …` in the project: `--no` so that npx never fetches a package of that name. */
function dawg(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  return run('npx', ['--no', '--', 'dawg', ...args], {
    cwd: options.cwd ?? project,
    env: { CI: 'true', ...options.env },
  });
}

beforeAll(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'dawg-package-'));
  project = path.join(workspace, 'project');
  await mkdir(project);

  await runOrThrow('npm', ['run', 'build'], repository);
  const packed = await runOrThrow('npm', [
    'pack', '--json', '--ignore-scripts', '--pack-destination', workspace,
  ], repository);
  const [manifest] = JSON.parse(packed.stdout) as Array<{
    filename: string;
    files: Array<{ path: string }>;
  }>;
  if (manifest === undefined) {
    throw new Error('npm pack reported no tarball');
  }
  packedFiles = manifest.files.map((file) => file.path);

  await writeFile(path.join(project, 'package.json'), '{"name": "uses-dawg", "private": true}\n');
  await runOrThrow('npm', [
    'install', '--no-audit', '--no-fund', '--prefer-offline', '--omit=dev',
    path.join(workspace, manifest.filename),
  ], project);
  await copyExamples(project);
});

afterAll(async () => {
  await rm(workspace, { recursive: true, force: true });
});

/** The example manifests and their built generators, as a user's repository would hold them. */
async function copyExamples(target: string): Promise<void> {
  await cp(path.join(repository, 'dashboards'), path.join(target, 'dashboards'), {
    recursive: true,
  });
  const generators = path.join(repository, 'generators');
  for (const generator of await readdir(generators)) {
    const build = path.join(generators, generator, 'build');
    const files = await readdir(build).catch(() => []);
    for (const file of files.filter((name) => name.endsWith('.wasm'))) {
      await cp(path.join(build, file), path.join(target, 'generators', generator, 'build', file));
    }
  }
}

/**
 * What the repository renders from the same examples: its committed out/ when it has one,
 * else a render by its own CLI (`bin/dawg.js` on the freshly built dist/).
 */
async function expectedOutput(): Promise<Map<string, string>> {
  const committed = await readTree(path.join(repository, 'out')).catch(() => new Map());
  if (committed.size > 0) {
    return committed;
  }
  const outDir = path.join(workspace, 'repository-out');
  await runOrThrow(process.execPath, [
    'bin/dawg.js', 'render', 'dashboards', '--out-dir', outDir, '--quiet',
  ], repository);
  return readTree(outDir);
}

/** Runs a shell command line with a terminal on stdout and stderr, as a user's shell has. */
function runInTerminal(commandLine: string, options: { cwd: string; env: NodeJS.ProcessEnv }) {
  return run('script', ['--quiet', '--return', '--command', commandLine, '/dev/null'], options);
}

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0] ?? specifier;
}

async function readTree(root: string, prefix = ''): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(path.join(root, prefix), { withFileTypes: true })) {
    const relative = path.posix.join(prefix, entry.name);
    if (entry.isDirectory()) {
      for (const [file, content] of await readTree(root, relative)) {
        files.set(file, content);
      }
    } else {
      files.set(relative, await readFile(path.join(root, relative), 'utf8'));
    }
  }
  return files;
}

describe('the npm package', () => {
  it('holds the CLI, the compiled library and the schema, and no sources or tests', () => {
    expect(packedFiles).toContain('bin/dawg.js');
    expect(packedFiles).toContain('dist/cli/main.js');
    expect(packedFiles).toContain('dist/index.js');
    expect(packedFiles).toContain('dist/index.d.ts');
    expect(packedFiles).toContain('schema/dashboard-manifest.schema.json');
    expect(packedFiles.filter((file) => /^(src|test|scripts|action-dist)\//.test(file)))
      .toEqual([]);
    expect(packedFiles.filter((file) => /\.test\.js$|\.map$/.test(file))).toEqual([]);
  });

  it('imports nothing but its runtime dependencies and Node built-ins', async () => {
    const installed = path.join(project, 'node_modules', 'dawg');
    const { dependencies } = JSON.parse(
      await readFile(path.join(installed, 'package.json'), 'utf8'),
    ) as { dependencies: Record<string, string> };
    const files = [...(await readTree(path.join(installed, 'dist'))).keys()]
      .filter((file) => file.endsWith('.js'))
      .map((file) => path.join(installed, 'dist', file));

    // esbuild parses the modules, so an import inside a string (a scaffold template) is not one.
    const { metafile } = await build({
      entryPoints: files,
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      metafile: true,
      write: false,
      outdir: path.join(workspace, 'imports'),
      logLevel: 'silent',
    });
    const imported = new Set(Object.values(metafile.inputs)
      .flatMap((input) => input.imports)
      .filter((entry) => entry.external === true)
      .map((entry) => packageName(entry.path)));

    const allowed = new Set(Object.keys(dependencies));
    expect(imported.size).toBeGreaterThan(0);
    expect([...imported].filter((name) => !name.startsWith('node:') && !allowed.has(name)))
      .toEqual([]);
  });

  it('prints the version from package.json', async () => {
    const { version } = JSON.parse(
      await readFile(path.join(repository, 'package.json'), 'utf8'),
    ) as { version: string };

    const result = await dawg(['--version']);

    expect(result).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('prints help for the program and for every command it lists', async () => {
    const help = await dawg(['--help']);
    const commands = [...help.stdout.matchAll(/^ {2}([a-z][a-z-]*)\b/gm)]
      .map((match) => match[1] ?? '')
      .filter((command) => command !== 'help');

    expect(help.code).toBe(0);
    expect(commands).toContain('render');
    for (const command of commands) {
      const result = await dawg([command, '--help']);

      expect(result.code, command).toBe(0);
      expect(result.stdout, command).toContain(`Usage: dawg ${command}`);
    }
  });

  it('offers --json on every command whose result a program reads', async () => {
    for (const command of ['render', 'diff', 'apply', 'lock', 'inspect', 'push']) {
      const result = await dawg([command, '--help']);

      expect(result.stdout, command).toMatch(/^ +--json\b/m);
    }
  });

  it('renders every example with npx dawg, as the repository does', async () => {
    const result = await dawg(['render', '--json']);

    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { rendered: unknown[]; failed: unknown[] };
    expect(report.failed).toEqual([]);
    expect(report.rendered.length).toBeGreaterThan(0);
    expect(await readTree(path.join(project, 'out'))).toEqual(await expectedOutput());
  });

  it('colours the error prefix on a terminal, and not when NO_COLOR is set', async () => {
    const broken = path.join(workspace, 'broken');
    await mkdir(broken, { recursive: true });
    await writeFile(path.join(broken, 'no-generator.yaml'), [
      'apiVersion: dawg.urcloud.cc/v1',
      'kind: Dashboard',
      'metadata: {name: no-generator}',
      'spec: {config: {}}',
      '',
    ].join('\n'));
    const commandLine = `${path.join(project, 'node_modules', '.bin', 'dawg')} render`;

    const coloured = await runInTerminal(commandLine, {
      cwd: broken,
      env: { NO_COLOR: undefined },
    });
    const plain = await runInTerminal(commandLine, { cwd: broken, env: { NO_COLOR: '1' } });

    expect(coloured.code).toBe(1);
    expect(coloured.stdout).toMatch(/\x1b\[31merror: /);
    expect(plain.code).toBe(1);
    expect(plain.stdout).toContain('error: ');
    expect(plain.stdout).not.toContain('\x1b[');
  });
});
