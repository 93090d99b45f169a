import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { sha256Digest } from '../../src/generator/digest.js';
import { createCredentialSource } from '../../src/generator/oci/credentials.js';
import { pushGenerator } from '../../src/generator/oci/push-generator.js';
import { parseOciReference } from '../../src/generator/oci/reference.js';
import { createOciResolver } from '../../src/generator/oci/resolver.js';
import { startCountingProxy, type CountingProxy } from '../registry/counting-proxy.js';
import { startRegistry, type TestRegistry } from '../registry/registry-harness.js';
import { tinyModule } from './test-content.js';

const credentials = createCredentialSource({ environment: {}, dockerConfigPath: '/nonexistent' });

let registry: TestRegistry;
let proxy: CountingProxy;
let workDir: string;
let manifestDigest: string;
const module = tinyModule('cache');

beforeAll(async () => {
  registry = await startRegistry();
  proxy = await startCountingProxy(registry.host);
  workDir = await mkdtemp(path.join(os.tmpdir(), 'dawg-oci-cache-'));
  const pushed = await pushGenerator({
    bytes: module,
    reference: parseOciReference(`${registry.host}/cache/gen:v1`),
    title: 'gen.wasm',
    credentials,
  });
  manifestDigest = pushed.manifestDigest;
});

afterAll(async () => {
  await proxy?.stop();
  await registry?.stop();
  await rm(workDir, { recursive: true, force: true });
});

beforeEach(() => {
  proxy.clear();
});

function run(cacheName: string) {
  return createOciResolver({ credentials, cacheDir: path.join(workDir, cacheName) });
}

function blobDownloads(): number {
  return proxy.requests.filter((request) =>
    request.method === 'GET' && request.path.includes('/blobs/')).length;
}

describe('the generator cache', () => {
  it('downloads manifest and module once, then a warm run costs one manifest HEAD', async () => {
    const reference = parseOciReference(`${proxy.host}/cache/gen:v1`);

    const cold = await run('warm').resolve(reference);
    const coldRequests = [...proxy.requests];
    proxy.clear();
    const warm = await run('warm').resolve(reference);

    expect(cold.resolvedFrom).toBe('registry');
    expect(coldRequests.map((request) => request.method)).toEqual(['HEAD', 'GET', 'GET']);
    expect(warm.resolvedFrom).toBe('cache');
    expect(warm.bytes).toEqual(module);
    expect(proxy.requests).toEqual([
      { method: 'HEAD', path: '/v2/cache/gen/manifests/v1' },
    ]);
  });

  it('makes no request at all for a digest reference with a warm cache', async () => {
    const reference = parseOciReference(`${proxy.host}/cache/gen@${manifestDigest}`);
    await run('pinned').resolve(reference);
    proxy.clear();

    const warm = await run('pinned').resolve(reference);

    expect(warm.bytes).toEqual(module);
    expect(proxy.requests).toEqual([]);
  });

  it('shares one download between concurrent resolves of the same generator', async () => {
    const resolver = run('concurrent');
    const byTag = parseOciReference(`${proxy.host}/cache/gen:v1`);
    const byDigest = parseOciReference(`${proxy.host}/cache/gen@${manifestDigest}`);

    const results = await Promise.all([
      resolver.resolve(byTag),
      resolver.resolve(byTag),
      resolver.resolve(byDigest),
      resolver.resolve(byDigest),
      resolver.resolve(parseOciReference(`${proxy.host}/cache/gen:v1`)),
    ]);

    expect(results.every((result) => result.digest === sha256Digest(module))).toBe(true);
    expect(blobDownloads()).toBe(1);
    expect(proxy.requests.filter((request) => request.method === 'HEAD')).toHaveLength(1);
  });

  it('downloads a damaged cache entry again instead of using it', async () => {
    const cacheDir = path.join(workDir, 'damaged');
    const reference = parseOciReference(`${proxy.host}/cache/gen@${manifestDigest}`);
    await run('damaged').resolve(reference);
    const blobDir = path.join(cacheDir, 'blobs', 'sha256');
    const hex = sha256Digest(module).slice('sha256:'.length);
    expect(await readdir(blobDir)).toContain(hex);
    await writeFile(path.join(blobDir, hex), 'garbage');
    proxy.clear();

    const again = await run('damaged').resolve(reference);

    expect(again.bytes).toEqual(module);
    expect(blobDownloads()).toBe(1);
  });
});
