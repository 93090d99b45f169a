import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { environmentHostName } from '../../src/generator/oci/environment-credentials.js';
import { pushGenerator } from '../../src/generator/oci/push-generator.js';
import { parseOciReference } from '../../src/generator/oci/reference.js';
import { createOciResolver, type OciResolverOptions } from '../../src/generator/oci/resolver.js';
import { renderProject } from '../../src/pipeline.js';
import { startCountingProxy, type CountingProxy } from '../registry/counting-proxy.js';
import {
  startRegistry,
  type RegistryAuthMode,
  type TestRegistry,
} from '../registry/registry-harness.js';
import { dashboardGenerator } from './test-content.js';

let workDir: string;
let generator: Uint8Array;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'dawg-oci-render-'));
  generator = await dashboardGenerator('Checkout latency');
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

/** A project folder with one manifest per `generators` entry, named `dash-<index>`. */
async function writeProject(name: string, generators: readonly string[]): Promise<string> {
  const directory = path.join(workDir, name);
  await mkdir(directory, { recursive: true });
  const documents = generators.map((reference, index) => `apiVersion: dawg.urcloud.cc/v1
kind: Dashboard
metadata:
  name: dash-${index}
  namespace: shop
spec:
  generator: ${reference}
  config: {service: checkout}
`);
  await writeFile(path.join(directory, 'dashboards.yaml'), documents.join('---\n'));
  return directory;
}

function credentialsFor(registry: TestRegistry): Record<string, string> {
  const prefix = `DAWG_REGISTRY_${environmentHostName(registry.host)}`;
  return {
    [`${prefix}_USERNAME`]: registry.username,
    [`${prefix}_PASSWORD`]: registry.password,
  };
}

function registryOptions(extra: OciResolverOptions): OciResolverOptions {
  return { dockerConfigPath: path.join(workDir, 'no-docker-config.json'), ...extra };
}

describe.each<RegistryAuthMode>(['anonymous', 'basic', 'bearer'])(
  'rendering from a %s registry',
  (mode) => {
    let registry: TestRegistry;

    beforeAll(async () => {
      registry = await startRegistry({ auth: mode });
    });

    afterAll(async () => {
      await registry?.stop();
    });

    it('writes the same bytes as the file:// twin', async () => {
      const environment = credentialsFor(registry);
      const reference = `oci://${registry.host}/render/checkout:v1`;
      await pushGenerator({ ...registryOptions({ environment }), bytes: generator,
        reference: parseOciReference(reference.slice('oci://'.length)), title: 'checkout.wasm' });
      const fileProject = await writeProject(`file-${mode}`, ['file://checkout.wasm']);
      await writeFile(path.join(fileProject, 'checkout.wasm'), generator);
      const ociProject = await writeProject(`oci-${mode}`, [reference]);

      const fromFile = await renderProject({ cwd: fileProject, workers: 1 });
      const fromRegistry = await renderProject({
        cwd: ociProject,
        workers: 1,
        registry: createOciResolver(registryOptions({ environment,
          cacheDir: path.join(workDir, `cache-${mode}`) })),
      });

      expect(fromFile.failures).toEqual([]);
      expect(fromRegistry.failures).toEqual([]);
      const output = path.join('out', 'shop', 'dash-0.json');
      expect(await readFile(path.join(ociProject, output)))
        .toEqual(await readFile(path.join(fileProject, output)));
      expect(fromRegistry.dashboards[0]?.generatorDigest)
        .toBe(fromFile.dashboards[0]?.generatorDigest);
    });
  },
);

describe('rendering with a warm cache', () => {
  let registry: TestRegistry;
  let proxy: CountingProxy;
  let manifestDigest: string;

  beforeAll(async () => {
    registry = await startRegistry();
    proxy = await startCountingProxy(registry.host);
    const pushed = await pushGenerator({ ...registryOptions({}), bytes: generator,
      reference: parseOciReference(`${registry.host}/render/warm:v1`), title: 'warm.wasm' });
    manifestDigest = pushed.manifestDigest;
  });

  afterAll(async () => {
    await proxy?.stop();
    await registry?.stop();
  });

  it('downloads no blob on the second run of a tagged generator', async () => {
    const project = await writeProject('warm-tag', [
      `oci://${proxy.host}/render/warm:v1`,
      `registry://${proxy.host}/render/warm:v1`,
    ]);
    const cacheDir = path.join(workDir, 'cache-warm-tag');
    await renderProject({ cwd: project, workers: 1,
      registry: createOciResolver(registryOptions({ cacheDir })) });
    proxy.clear();

    const second = await renderProject({ cwd: project, workers: 1,
      registry: createOciResolver(registryOptions({ cacheDir })) });

    expect(second.failures).toEqual([]);
    expect(second.dashboards).toHaveLength(2);
    expect(proxy.requests.filter((request) => request.path.includes('/blobs/'))).toEqual([]);
    expect(proxy.requests).toEqual([{ method: 'HEAD', path: '/v2/render/warm/manifests/v1' }]);
  });

  it('makes no registry request at all on a second run of a digest-pinned generator',
    async () => {
      const project = await writeProject('warm-digest', [
        `oci://${proxy.host}/render/warm@${manifestDigest}`,
      ]);
      const cacheDir = path.join(workDir, 'cache-warm-digest');
      await renderProject({ cwd: project, workers: 1,
        registry: createOciResolver(registryOptions({ cacheDir })) });
      proxy.clear();

      const second = await renderProject({ cwd: project, workers: 1,
        registry: createOciResolver(registryOptions({ cacheDir })) });

      expect(second.failures).toEqual([]);
      expect(proxy.requests).toEqual([]);
    });
});

describe('rendering when a generator cannot be pulled', () => {
  let registry: TestRegistry;

  beforeAll(async () => {
    registry = await startRegistry({ auth: 'basic' });
    await pushGenerator({ ...registryOptions({ environment: credentialsFor(registry) }),
      bytes: generator, reference: parseOciReference(`${registry.host}/render/good:v1`),
      title: 'good.wasm' });
  });

  afterAll(async () => {
    await registry?.stop();
  });

  it('fails only the dashboards using the broken reference, each with one line', async () => {
    const project = await writeProject('errors', [
      `oci://${registry.host}/render/good:v1`,
      `oci://${registry.host}/render/good:v9`,
      `oci://${registry.host}/render/missing:v1`,
    ]);

    const result = await renderProject({
      cwd: project,
      workers: 1,
      registry: createOciResolver(registryOptions({ environment: credentialsFor(registry),
        cacheDir: path.join(workDir, 'cache-errors') })),
    });

    expect(result.dashboards.map((dashboard) => dashboard.manifest.name)).toEqual(['dash-0']);
    expect(result.failures.map((failure) => [failure.dashboard, failure.error.code])).toEqual([
      ['shop/dash-1', 'REGISTRY_NOT_FOUND'],
      ['shop/dash-2', 'REGISTRY_NOT_FOUND'],
    ]);
    for (const failure of result.failures) {
      expect(failure.error.message).not.toContain('\n');
      expect(failure.error.message).not.toContain(registry.password);
    }
  });

  it('fails every dashboard of the registry with REGISTRY_AUTH on a wrong password', async () => {
    const project = await writeProject('bad-password', [`oci://${registry.host}/render/good:v1`]);
    const environment = credentialsFor(registry);
    const wrong = Object.fromEntries(Object.entries(environment).map(([key, value]) =>
      [key, key.endsWith('_PASSWORD') ? 'wrong-password-9' : value]));

    const result = await renderProject({
      cwd: project,
      workers: 1,
      registry: createOciResolver(registryOptions({ environment: wrong,
        cacheDir: path.join(workDir, 'cache-bad-password') })),
    });

    expect(result.failures.map((failure) => failure.error.code)).toEqual(['REGISTRY_AUTH']);
    expect(result.failures[0]?.error.message).not.toContain('wrong-password-9');
  });
});
