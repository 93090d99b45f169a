import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { beforeAll, describe, expect, it } from 'vitest';

import { embedGeneratorMetadata } from '../../src/generator/metadata.js';
import { renderProject, type RenderResult } from '../../src/pipeline.js';
import {
  adversarialWat,
  assembleWat,
  echoCommandWat,
  echoReactorWat,
  passThroughWat,
} from '../runtime/wat-fixtures.js';

const brokenFixtures = fileURLToPath(new URL('../fixtures/manifests/broken/', import.meta.url));

/** Generators written into the temporary project, from WAT. */
const generators: Record<string, string> = {
  echo: echoCommandWat(),
  reactor: echoReactorWat(),
  loop: adversarialWat.loop,
  trap: adversarialWat.trap,
  hugeout: adversarialWat.hugeout,
  sockopen: adversarialWat.sockopen,
  membomb: adversarialWat.membomb,
  exit7: adversarialWat.exit7,
};

function manifest(name: string, generator: string, config = '{service: cart}'): string {
  return [
    'apiVersion: dawg.urcloud.cc/v1',
    'kind: Dashboard',
    `metadata: {name: ${name}, namespace: e2e}`,
    'spec:',
    `  generator: ${generator}`,
    `  config: ${config}`,
  ].join('\n');
}

async function createProject(): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'dawg-e2e-'));
  await mkdir(path.join(root, 'test/fixtures/generators'), { recursive: true });
  for (const [name, wat] of Object.entries(generators)) {
    await writeFile(path.join(root, `test/fixtures/generators/${name}.wasm`), await assembleWat(name, wat));
  }
  await cp(brokenFixtures, path.join(root, 'test/fixtures/manifests/broken'), { recursive: true });
  await writeFile(path.join(root, 'test/fixtures/generators/echo.wasm'), await assembleWat('echo', generators.echo!));

  const gen = (name: string): string => `file://../generators/${name}.wasm`;
  const good = [
    manifest('first', gen('echo')),
    manifest('second', gen('echo'), '{service: orders}'),
    manifest('legacy', gen('reactor'), '|\n    {"instance": "node-1:9100"}'),
  ];
  await writeFile(path.join(root, 'test/fixtures/manifests/good.yaml'), good.join('\n---\n'));
  const documents = [
    manifest('hangs', gen('loop')),
    manifest('traps', gen('trap')),
    manifest('floods', gen('hugeout')),
    manifest('networks', gen('sockopen')),
    manifest('bombs', gen('membomb')),
    manifest('exits', gen('exit7')),
    manifest('missing', gen('does-not-exist')),
    manifest('unsupported', 'ftp://example.invalid/x.wasm'),
  ];
  projectText = documents.join('\n---\n');
  await writeFile(path.join(root, 'test/fixtures/manifests/project.yaml'), projectText);
  return root;
}

/** Long enough for a good generator on a loaded 2-core CI machine, short enough for the hang. */
const deadlineMs = 2_000;
let root = '';
let projectText = '';

/** 1-based line of the generator field of the manifest named `name`. */
function generatorLine(name: string): number {
  const lines = projectText.split('\n');
  const nameLine = lines.findIndex((line) => line.includes(`{name: ${name},`));
  return nameLine + 1 + 2;
}
let result: RenderResult;

beforeAll(async () => {
  root = await createProject();
  result = await renderProject({ cwd: root, timeoutMs: deadlineMs, maxMemoryBytes: 16 * 1024 * 1024 });
});

function failureFor(file: string, documentIndex = 0) {
  return result.failures.find((failure) =>
    failure.source.file.endsWith(file) && failure.source.documentIndex === documentIndex);
}

describe('renderProject on a project with broken manifests and hostile generators', () => {
  it('renders every valid manifest, whatever breaks beside it', () => {
    const rendered = result.dashboards.map((dashboard) => dashboard.outputPath).sort();

    expect(rendered).toEqual(['broken/good-neighbour.json', 'e2e/first.json', 'e2e/legacy.json', 'e2e/second.json']);
  });

  it('gives one located failure per broken manifest', () => {
    const brokenFiles = new Set(result.failures
      .filter((failure) => failure.source.file.includes('/broken/'))
      .map((failure) => path.basename(failure.source.file)));

    expect(brokenFiles.size).toBe(13);
    for (const failure of result.failures) {
      expect(failure.error.location?.line).toBeGreaterThan(0);
      expect(failure.error.location?.column).toBeGreaterThan(0);
    }
  });

  it.each([
    [0, 'hangs', 'RUN_TIMEOUT', 'spec.generator'],
    [1, 'traps', 'RUN_TRAP', 'spec.generator'],
    [2, 'floods', 'RUN_OUTPUT_TOO_LARGE', 'spec.generator'],
    [3, 'networks', 'GENERATOR_FORBIDDEN_IMPORT', 'spec.generator'],
    [4, 'bombs', 'RUN_MEMORY', 'spec.generator'],
    [5, 'exits', 'RUN_FAILED', 'spec.config'],
    [6, 'missing', 'GENERATOR_NOT_FOUND', 'spec.generator'],
  ] as const)('fails document %i (%s) with %s at %s', (documentIndex, name, code, field) => {
    const failure = failureFor('project.yaml', documentIndex);

    expect(failure?.error.code).toBe(code);
    expect(failure?.error.location).toMatchObject({
      file: 'test/fixtures/manifests/project.yaml',
      documentIndex,
      field,
      line: generatorLine(name) + (field === 'spec.config' ? 1 : 0),
      column: 3,
    });
  });

  it('refuses an unsupported generator scheme in the manifest check, before any fetch', () => {
    expect(failureFor('project.yaml', 7)?.error).toMatchObject({
      code: 'MANIFEST_INVALID',
      location: { field: 'spec.generator' },
    });
  });

  it('writes each dashboard with its derived uid and the config the generator read', async () => {
    const text = await readFile(path.join(root, 'out/e2e/first.json'), 'utf8');

    expect(JSON.parse(text)).toEqual({ title: 'echo', config: { service: 'cart' }, uid: 'e2e_first' });
    expect(text.endsWith('}\n')).toBe(true);
  });

  it("hands a block-scalar config to a reactor verbatim, as the original prototype's README did", async () => {
    const text = await readFile(path.join(root, 'out/e2e/legacy.json'), 'utf8');

    expect(JSON.parse(text)).toMatchObject({ title: 'reactor', config: { instance: 'node-1:9100' } });
  });
});

describe('renderProject output', () => {
  it('is byte-identical across two renders', async () => {
    const again = { cwd: root, patterns: ['test/fixtures/manifests/good.yaml'], outDir: 'out-again' };

    const second = await renderProject(again);
    const third = await renderProject({ ...again, outDir: 'out-third' });

    expect(second.failures).toEqual([]);
    expect(third.dashboards).toHaveLength(3);
    for (const dashboard of second.dashboards) {
      const first = await readFile(path.join(root, 'out', dashboard.outputPath));
      for (const folder of ['out-again', 'out-third']) {
        const later = await readFile(path.join(root, folder, dashboard.outputPath));
        expect(later.equals(first)).toBe(true);
      }
    }
  });

  it('removes the output of a manifest that no longer exists, only on a whole-project render', async () => {
    const project = await mkdtemp(path.join(os.tmpdir(), 'dawg-stale-'));
    await writeFile(path.join(project, 'echo.wasm'), await assembleWat('echo', generators.echo!));
    await writeFile(path.join(project, 'a.yaml'), manifest('a', 'file://echo.wasm'));
    await writeFile(path.join(project, 'b.yaml'), manifest('b', 'file://echo.wasm'));
    await renderProject({ cwd: project });
    await rm(path.join(project, 'b.yaml'));

    const partial = await renderProject({ cwd: project, patterns: ['a.yaml'] });
    const whole = await renderProject({ cwd: project });

    expect(partial.removedFiles).toEqual([]);
    expect(whole.removedFiles).toEqual(['e2e/b.json']);
    expect(await readdir(path.join(project, 'out/e2e'))).toEqual(['a.json']);
  });

  it('fails both manifests that render the same uid, naming each other', async () => {
    const project = await mkdtemp(path.join(os.tmpdir(), 'dawg-dup-'));
    await writeFile(path.join(project, 'same.wasm'), await assembleWat('same', passThroughWat()));
    const config = '{title: x, uid: fixed}';
    await writeFile(path.join(project, 'one.yaml'), manifest('one', 'file://same.wasm', config));
    await writeFile(path.join(project, 'two.yaml'), manifest('two', 'file://same.wasm', config));

    const outcome = await renderProject({ cwd: project, write: false });

    expect(outcome.dashboards).toEqual([]);
    expect(outcome.failures.map((failure) => failure.error.code)).toEqual([
      'OUTPUT_DUPLICATE_UID',
      'OUTPUT_DUPLICATE_UID',
    ]);
    expect(outcome.failures[0]?.error.message).toContain('two.yaml');
  });
});

describe('renderProject with generators that describe their config', () => {
  const schema = {
    type: 'object',
    required: ['service'],
    additionalProperties: false,
    properties: {
      service: { type: 'string', description: 'The service whose requests are graphed.' },
      replicas: { type: 'integer', description: 'How many replicas to expect.' },
    },
  };

  it('refuses a wrong config before running, at the key, quoting its description', async () => {
    const project = await mkdtemp(path.join(os.tmpdir(), 'dawg-schema-'));
    const bytes = await assembleWat('echo', echoCommandWat());
    const described = embedGeneratorMetadata(bytes, { name: 'echo', version: '1.0.0', configSchema: schema });
    await writeFile(path.join(project, 'echo.wasm'), described);
    const documents = [
      manifest('valid', 'file://echo.wasm', '{service: cart, replicas: 3}'),
      manifest('wrong-type', 'file://echo.wasm', '\n    service: cart\n    replicas: three'),
    ];
    await writeFile(path.join(project, 'a.yaml'), documents.join('\n---\n'));

    const outcome = await renderProject({ cwd: project, write: false });

    expect(outcome.dashboards.map((dashboard) => dashboard.manifest.name)).toEqual(['valid']);
    expect(outcome.failures).toHaveLength(1);
    expect(outcome.failures[0]?.error).toMatchObject({
      code: 'CONFIG_INVALID',
      hint: expect.stringContaining('How many replicas to expect.'),
      location: { file: 'a.yaml', line: 15, column: 5, documentIndex: 1 },
    });
  });

  it('fails the dashboards of a generator whose metadata section is malformed, naming it', async () => {
    const project = await mkdtemp(path.join(os.tmpdir(), 'dawg-metadata-'));
    const bytes = await assembleWat('echo', echoCommandWat());
    const name = new TextEncoder().encode('dawg.generator');
    const payload = new TextEncoder().encode('{not json');
    const section = Uint8Array.of(0, 1 + name.length + payload.length, name.length, ...name, ...payload);
    await writeFile(path.join(project, 'broken.wasm'), Buffer.concat([bytes, section]));
    await writeFile(path.join(project, 'echo.wasm'), bytes);
    const documents = [
      manifest('broken-meta', 'file://broken.wasm'),
      manifest('plain', 'file://echo.wasm'),
    ];
    await writeFile(path.join(project, 'a.yaml'), documents.join('\n---\n'));

    const outcome = await renderProject({ cwd: project, write: false });

    expect(outcome.dashboards.map((dashboard) => dashboard.manifest.name)).toEqual(['plain']);
    expect(outcome.failures[0]?.error).toMatchObject({
      code: 'GENERATOR_METADATA',
      message: expect.stringContaining('generator file://broken.wasm'),
      location: { field: 'spec.generator' },
    });
  });
});

describe('renderProject with a dawg.config.json', () => {
  it('searches the configured folders, writes to the configured output and still prunes', async () => {
    const project = await mkdtemp(path.join(os.tmpdir(), 'dawg-config-'));
    await mkdir(path.join(project, 'dashboards'));
    await mkdir(path.join(project, 'fixtures'));
    await writeFile(path.join(project, 'echo.wasm'), await assembleWat('echo', echoCommandWat()));
    await writeFile(path.join(project, 'dashboards/a.yaml'), manifest('a', 'file://../echo.wasm'));
    await writeFile(path.join(project, 'fixtures/broken.yaml'), 'apiVersion: dawg.urcloud.cc/v1\nkind: Dashboard\n');
    await writeFile(path.join(project, 'dawg.config.json'), '{"manifests":["dashboards"],"outDir":"rendered"}');
    await mkdir(path.join(project, 'rendered/e2e'), { recursive: true });
    await writeFile(path.join(project, 'rendered/e2e/gone.json'), '{}');

    const outcome = await renderProject({ cwd: project });

    expect(outcome.failures).toEqual([]);
    expect(outcome.removedFiles).toEqual(['e2e/gone.json']);
    expect(await readdir(path.join(project, 'rendered/e2e'))).toEqual(['a.json']);
  });
});
