import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sha256Digest } from '../../src/generator/digest.js';
import { environmentHostName } from '../../src/generator/oci/environment-credentials.js';
import { pushGenerator } from '../../src/generator/oci/push-generator.js';
import { parseOciReference } from '../../src/generator/oci/reference.js';
import { createOciResolver } from '../../src/generator/oci/resolver.js';
import { startRegistry, type TestRegistry } from '../registry/registry-harness.js';
import { tinyModule } from './test-content.js';

let registry: TestRegistry;
let workDir: string;
let environment: Record<string, string>;

beforeAll(async () => {
  registry = await startRegistry({ auth: 'bearer' });
  workDir = await mkdtemp(path.join(os.tmpdir(), 'dawg-oci-push-'));
  const prefix = `DAWG_REGISTRY_${environmentHostName(registry.host)}`;
  environment = {
    [`${prefix}_USERNAME`]: registry.username,
    [`${prefix}_PASSWORD`]: registry.password,
  };
});

afterAll(async () => {
  await registry?.stop();
  await rm(workDir, { recursive: true, force: true });
});

function options() {
  return { environment, dockerConfigPath: path.join(workDir, 'none.json') };
}

/** A valid module of about `size` bytes: the header and one large custom section. */
function largeModule(size: number): Uint8Array {
  const payload = size - 16;
  const name = new TextEncoder().encode('pad');
  const sectionSize = 1 + name.length + payload;
  const leb = [
    sectionSize & 0x7f | 0x80,
    sectionSize >> 7 & 0x7f | 0x80,
    sectionSize >> 14 & 0x7f,
  ];
  const bytes = new Uint8Array(8 + 1 + leb.length + sectionSize);
  bytes.set([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x00, ...leb, name.length, ...name]);
  bytes.fill(7, 8 + 1 + leb.length + 1 + name.length);
  return bytes;
}

describe('pushGenerator', () => {
  it('uploads a module larger than the chunk size in chunks that pull back intact', async () => {
    const module = largeModule(300_000);
    const reference = parseOciReference(`${registry.host}/push/chunked:v1`);

    const methods: string[] = [];
    const countingFetch = (url: string, init: RequestInit) => {
      methods.push(init.method ?? 'GET');
      return fetch(url, init);
    };

    const pushed = await pushGenerator({ ...options(), bytes: module, reference,
      title: 'big.wasm', chunkSizeBytes: 64 * 1024, fetch: countingFetch });
    const pulled = await createOciResolver({ ...options(), cacheDir: path.join(workDir, 'c1') })
      .resolve(reference);

    expect(pushed.layer).toBe('uploaded');
    expect(methods.filter((method) => method === 'PATCH')).toHaveLength(5);
    expect(pulled.digest).toBe(sha256Digest(module));
  });

  it('mounts the module from another repository instead of uploading it again', async () => {
    const module = tinyModule('mounted');
    await pushGenerator({ ...options(), bytes: module, title: 'gen.wasm',
      reference: parseOciReference(`${registry.host}/push/source:v1`) });

    const pushed = await pushGenerator({ ...options(), bytes: module, title: 'gen.wasm',
      reference: parseOciReference(`${registry.host}/push/target:v1`),
      mountFrom: ['push/source'] });
    const pulled = await createOciResolver({ ...options(), cacheDir: path.join(workDir, 'c2') })
      .resolve(parseOciReference(`${registry.host}/push/target:v1`));

    expect(pushed.layer).toBe('mounted');
    expect(pulled.bytes).toEqual(module);
  });

  it('skips the upload when the repository already holds the module', async () => {
    const module = tinyModule('present');
    const reference = parseOciReference(`${registry.host}/push/again:v1`);
    await pushGenerator({ ...options(), bytes: module, reference, title: 'gen.wasm' });

    const again = await pushGenerator({ ...options(), bytes: module, title: 'gen.wasm',
      reference: parseOciReference(`${registry.host}/push/again:v2`) });

    expect(again.layer).toBe('present');
  });

  it('gives the same manifest digest for the same module and options', async () => {
    const module = tinyModule('reproducible');

    const first = await pushGenerator({ ...options(), bytes: module, title: 'gen.wasm',
      reference: parseOciReference(`${registry.host}/push/repro:a`) });
    const second = await pushGenerator({ ...options(), bytes: module, title: 'gen.wasm',
      reference: parseOciReference(`${registry.host}/push/repro:b`) });

    expect(second.manifestDigest).toBe(first.manifestDigest);
  });

  it('refuses to push to a digest reference', async () => {
    const result = pushGenerator({ ...options(), bytes: tinyModule('digest'), title: 'gen.wasm',
      reference: parseOciReference(`${registry.host}/push/x@sha256:${'a'.repeat(64)}`) });

    await expect(result).rejects.toMatchObject({ code: 'USAGE' });
  });
});
