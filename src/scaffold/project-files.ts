import { formatDashboardManifest } from './dashboard-manifest.js';
import { sourceText, type ScaffoldCommands, type ScaffoldFile } from './scaffold-file.js';
import type { StarterMetadata } from './starter-metadata.js';

export interface ProjectFilesOptions {
  readonly metadata: StarterMetadata;
  /** Language name shown in the README. */
  readonly language: string;
  /** Shell commands that install, build and test, shown in the README. */
  readonly commands: ScaffoldCommands;
}

/**
 * The files every generator scaffold has, whatever its language: generator.json (the metadata
 * the build embeds), an example manifest that renders the built module, a test that runs the
 * module under Node's WASI as DAWG does, a README and a .gitignore.
 */
export function projectFiles(options: ProjectFilesOptions): ScaffoldFile[] {
  const { metadata } = options;

  return [
    { path: 'generator.json', content: `${JSON.stringify(metadata, null, 2)}\n` },
    { path: 'dashboard.yaml', content: exampleManifest(metadata) },
    { path: 'test/generator.test.mjs', content: generatorTest },
    { path: 'README.md', content: readme(options) },
    { path: '.gitignore', content: 'node_modules/\nbuild/\nout/\n' },
  ];
}

function exampleManifest(metadata: StarterMetadata): string {
  return formatDashboardManifest({
    name: metadata.name,
    generator: `file://build/${metadata.name}.wasm`,
    configSchema: metadata.configSchema,
    exampleConfig: metadata.exampleConfig,
    comments: [
      `An example use of ${metadata.name}. Build the generator, then render this file:`,
      '  dawg render dashboard.yaml     → out/default/' + metadata.name + '.json',
    ],
  });
}

function readme(options: ProjectFilesOptions): string {
  const { metadata, commands } = options;
  const wasm = `build/${metadata.name}.wasm`;
  const steps: Array<[string | undefined, string]> = [
    [commands.install, 'install the toolchain'],
    [commands.build, `build ${wasm} with generator.json in it`],
    [commands.test, 'run the module on configs, as DAWG does'],
    ['dawg render dashboard.yaml', 'render the example manifest into out/'],
    [`dawg inspect ${wasm}`, 'show the metadata DAWG reads'],
  ];
  const shown = steps.filter((step): step is [string, string] => step[0] !== undefined);
  const width = Math.max(...shown.map(([command]) => command.length)) + 2;

  return [
    `# ${metadata.name}`,
    '',
    metadata.description,
    '',
    `A DAWG generator written in ${options.language}. \`dawg\` is DAWG's command line; its`,
    'docs/first-generator.md walks through everything below.',
    '',
    '```sh',
    ...shown.map(([command, comment]) => `${command.padEnd(width)}# ${comment}`),
    `dawg push ${wasm} oci://<registry>/${metadata.name}:${metadata.version}`,
    '```',
    '',
    'The generator reads its config on stdin (DAWG hands a `config:` mapping over as JSON) and',
    'writes a Grafana dashboard as JSON on stdout; on a bad config it writes a message on',
    'stderr and exits 1.',
    '',
    '`generator.json` describes the generator: name, version, description, the JSON Schema of',
    'its config (DAWG checks every manifest\'s `spec.config` against it before running the',
    'module, and points at the offending line) and an example config. The build embeds it in',
    'the module\'s `dawg.generator` custom section: change the config, then change the schema',
    'and the example with it, and rebuild.',
    '',
  ].join('\n');
}

const generatorTest = sourceText(String.raw`
// Runs the built generator as DAWG does (config JSON on stdin, dashboard JSON on stdout), under
// Node's own WASI. Build first; run with: node --disable-warning=ExperimentalWarning --test
import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { WASI } from 'node:wasi';

const root = fileURLToPath(new URL('..', import.meta.url));
const metadata = JSON.parse(readFileSync(path.join(root, 'generator.json'), 'utf8'));
const modulePath = path.join(root, 'build', metadata.name + '.wasm');

async function run(config) {
  const folder = mkdtempSync(path.join(tmpdir(), 'generator-test-'));
  const file = (name) => path.join(folder, name);
  writeFileSync(file('stdin'), JSON.stringify(config));
  const stdin = openSync(file('stdin'), 'r');
  const stdout = openSync(file('stdout'), 'w');
  const stderr = openSync(file('stderr'), 'w');
  try {
    const wasi = new WASI({ version: 'preview1', args: ['generator'], env: {}, stdin, stdout,
      stderr, returnOnExit: true });
    const module = await WebAssembly.compile(readFileSync(modulePath));
    const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
    const exitCode = wasi.start(instance);
    return {
      exitCode,
      stdout: readFileSync(file('stdout'), 'utf8'),
      stderr: readFileSync(file('stderr'), 'utf8'),
    };
  } finally {
    [stdin, stdout, stderr].forEach((fd) => closeSync(fd));
    rmSync(folder, { recursive: true, force: true });
  }
}

test('renders a dashboard from the example config', async () => {
  const result = await run(metadata.exampleConfig);

  assert.equal(result.exitCode, 0, result.stderr);
  const dashboard = JSON.parse(result.stdout);
  assert.equal(dashboard.title, metadata.exampleConfig.service + ' overview');
  assert.equal(dashboard.panels.length, 2);
});

test('uses the title and datasource the config gives', async () => {
  const result = await run({ service: 'cart', title: 'Cart', datasource: 'prom-eu' });

  const dashboard = JSON.parse(result.stdout);
  assert.equal(dashboard.title, 'Cart');
  assert.match(result.stdout, /"prom-eu"/);
});

test('fails with a message on stderr when service is missing', async () => {
  const result = await run({});

  assert.equal(result.exitCode, 1);
  assert.match(result.stderr, /service is required/);
});

test('carries generator.json in its dawg.generator section', async () => {
  const module = await WebAssembly.compile(readFileSync(modulePath));
  const [section] = WebAssembly.Module.customSections(module, 'dawg.generator');

  assert.ok(section, 'no dawg.generator section');
  assert.deepEqual(JSON.parse(Buffer.from(section).toString('utf8')), metadata);
});
`);
