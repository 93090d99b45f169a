import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { environmentHostName } from '../../src/generator/oci/environment-credentials.js';
import { pushGenerator } from '../../src/generator/oci/push-generator.js';
import { parseOciReference } from '../../src/generator/oci/reference.js';
import { startRegistry, type TestRegistry } from '../registry/registry-harness.js';
import { runAction } from './action-runner.js';
import { buildEchoGenerator, echoManifest } from './echo-generator.js';

/**
 * The bundled Action rendering oci:// generators from a real registry on 127.0.0.1 with Basic
 * auth, its credentials given as a workflow would: DAWG_REGISTRY_* variables from secrets.
 */

let root: string;
let registry: TestRegistry;
let credentials: Record<string, string>;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'dawg-action-registry-'));
  registry = await startRegistry({ auth: 'basic', password: 'registry-pass-5b1e7d' });
  const prefix = `DAWG_REGISTRY_${environmentHostName(registry.host)}`;
  credentials = {
    [`${prefix}_USERNAME`]: registry.username,
    [`${prefix}_PASSWORD`]: registry.password,
  };
  await pushGenerator({
    reference: parseOciReference(`${registry.host}/generators/echo:v1`),
    bytes: await buildEchoGenerator(),
    title: 'echo.wasm',
    environment: credentials,
    dockerConfigPath: path.join(root, 'no-docker-config.json'),
  });
});

afterAll(async () => {
  await registry?.stop();
  await rm(root, { recursive: true, force: true });
});

async function writeProject(name: string, generator: string): Promise<string> {
  const workspace = path.join(root, name);
  await mkdir(path.join(workspace, 'dashboards'), { recursive: true });
  await writeFile(path.join(workspace, 'dashboards', 'shop.yaml'),
    echoManifest({ name: 'checkout', title: 'Checkout', generator }));
  return workspace;
}

function runRender(workspace: string, env: Record<string, string>) {
  return runAction({
    workspace,
    runnerDir: workspace,
    inputs: { command: 'render', comment: 'false' },
    env: {
      DAWG_CACHE_DIR: path.join(workspace, 'cache'),
      DOCKER_CONFIG: path.join(workspace, 'docker'),
      ...env,
    },
  });
}

describe('the bundled Action with a registry', () => {
  it('pulls an oci:// generator with credentials from the environment and masks them',
    async () => {
      const workspace = await writeProject('pulls', `oci://${registry.host}/generators/echo:v1`);

      const result = await runRender(workspace, credentials);

      expect(result.exitCode, result.stdout + result.stderr).toBe(0);
      expect(result.outputs['failed']).toBe('0');
      const output = await readFile(path.join(workspace, 'out', 'shop', 'checkout.json'), 'utf8');
      expect(JSON.parse(output)).toMatchObject({ title: 'Checkout' });
      expect(result.masked).toContain(registry.password);
      const visible = result.stdout.split('\n')
        .filter((line) => !line.startsWith('::add-mask::')).join('\n');
      expect(visible + result.stderr + result.summary).not.toContain(registry.password);
    });

  it('annotates the manifest whose generator the registry refuses', async () => {
    const workspace = await writeProject('refused', `oci://${registry.host}/generators/echo:v1`);

    const result = await runRender(workspace, {});

    expect(result.exitCode).toBe(1);
    expect(result.outputs['failed']).toBe('1');
    expect(result.annotations.map((annotation) => annotation.properties['title']))
      .toContain('DAWG REGISTRY_AUTH');
  });
});
