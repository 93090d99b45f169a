import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createCredentialSource } from '../../src/generator/oci/credentials.js';
import { pushGenerator } from '../../src/generator/oci/push-generator.js';
import { parseOciReference } from '../../src/generator/oci/reference.js';
import { createOciResolver } from '../../src/generator/oci/resolver.js';
import { startRegistry, type TestRegistry } from '../registry/registry-harness.js';
import { tinyModule } from './test-content.js';

const credentials = createCredentialSource({ environment: {}, dockerConfigPath: '/nonexistent' });

let registry: TestRegistry;
let workDir: string;

beforeAll(async () => {
  registry = await startRegistry({ tls: true });
  workDir = await mkdtemp(path.join(os.tmpdir(), 'dawg-oci-tls-'));
});

afterAll(async () => {
  await registry?.stop();
  await rm(workDir, { recursive: true, force: true });
});

describe('a registry with a self-signed certificate', () => {
  it('is reached over HTTPS without certificate checks when listed as insecure', async () => {
    const module = tinyModule('tls');
    const reference = parseOciReference(`${registry.host}/tls/gen:v1`);
    const insecureHosts = [registry.host];
    await pushGenerator({ bytes: module, reference, title: 'gen.wasm', credentials,
      insecureHosts });

    const resolved = await createOciResolver({ credentials, insecureHosts,
      cacheDir: path.join(workDir, 'cache') }).resolve(reference);

    expect(resolved.bytes).toEqual(module);
  });

  it('is not reached without being listed, since loopback means plain HTTP', async () => {
    const result = createOciResolver({ credentials, cacheDir: path.join(workDir, 'cache'),
      retry: { delay: () => Promise.resolve() } })
      .resolve(parseOciReference(`${registry.host}/tls/gen:v1`));

    await expect(result).rejects.toMatchObject({ code: expect.stringMatching(/^REGISTRY/) });
  });
});
