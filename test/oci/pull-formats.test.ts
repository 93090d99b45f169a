import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { createTar, createTarGzip } from 'nanotar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { isDawgError } from '../../src/errors.js';
import { sha256Digest } from '../../src/generator/digest.js';
import { createCredentialSource } from '../../src/generator/oci/credentials.js';
import { pushGenerator } from '../../src/generator/oci/push-generator.js';
import { parseOciReference } from '../../src/generator/oci/reference.js';
import {
  createRegistryClient,
  type RegistryClient,
} from '../../src/generator/oci/registry-client.js';
import { createOciResolver } from '../../src/generator/oci/resolver.js';
import { startRegistry, type TestRegistry } from '../registry/registry-harness.js';
import { descriptorOf, emptyConfigDescriptor, pushRaw, tinyModule } from './test-content.js';

const noCredentials = createCredentialSource({
  environment: {},
  dockerConfigPath: '/nonexistent',
});

let registry: TestRegistry;
let client: RegistryClient;
let cacheDir: string;

beforeAll(async () => {
  registry = await startRegistry();
  client = createRegistryClient({ credentials: noCredentials });
  cacheDir = await mkdtemp(path.join(os.tmpdir(), 'dawg-formats-cache-'));
});

afterAll(async () => {
  await registry?.stop();
  await rm(cacheDir, { recursive: true, force: true });
});

function resolver() {
  return createOciResolver({ cacheDir, credentials: noCredentials });
}

async function resolveError(text: string): Promise<unknown> {
  try {
    await resolver().resolve(parseOciReference(text));
  } catch (error) {
    return error;
  }
  throw new Error(`${text} resolved without error`);
}

describe('pulling generators in every accepted format', () => {
  it('pulls back what dawg push wrote', async () => {
    const module = tinyModule('dawg-push');
    const reference = parseOciReference(`${registry.host}/formats/dawg:v1`);
    await pushGenerator({
      bytes: module, reference, title: 'gen.wasm', credentials: noCredentials,
    });

    const resolved = await resolver().resolve(reference);

    expect(resolved.bytes).toEqual(module);
    expect(resolved.digest).toBe(sha256Digest(module));
    expect(resolved.artifactType).toBe('application/vnd.dawg.generator.v1');
    expect(resolved.layerMediaType).toBe('application/wasm');
  });

  it('pulls the original prototype format (artifactType, empty config with data)', async () => {
    const module = tinyModule('prototype');
    const repository = { registry: registry.host, repository: 'formats/prototype' };
    await pushRaw(client, repository, 'v1', {
      blobs: [module, new TextEncoder().encode('{}')],
      manifest: {
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        artifactType: 'application/vnd.dawg.generator.v1',
        config: { ...emptyConfigDescriptor, data: 'e30=' },
        layers: [descriptorOf('application/vnd.wasm.content.layer.v1+wasm', module)],
        annotations: { 'org.opencontainers.image.created': '2026-01-01T00:00:00Z' },
      },
    });

    const resolved = await resolver()
      .resolve(parseOciReference(`${registry.host}/formats/prototype:v1`));

    expect(resolved.bytes).toEqual(module);
  });

  it('pulls the wasm-to-oci format, which has no mediaType field', async () => {
    const module = tinyModule('wasm-to-oci');
    const config = new TextEncoder().encode('{}');
    const repository = { registry: registry.host, repository: 'formats/wasm2oci' };
    await pushRaw(client, repository, 'v1', {
      blobs: [module, config],
      manifest: {
        schemaVersion: 2,
        config: descriptorOf('application/vnd.wasm.config.v1+json', config),
        layers: [descriptorOf('application/vnd.wasm.content.layer.v1+wasm', module, {
          annotations: { 'org.opencontainers.image.title': 'gen.wasm' },
        })],
      },
    });

    const resolved = await resolver()
      .resolve(parseOciReference(`${registry.host}/formats/wasm2oci:v1`));

    expect(resolved.bytes).toEqual(module);
    expect(resolved.artifactType).toBe('application/vnd.wasm.config.v1+json');
  });

  it('pulls the CNCF Wasm artifact layout', async () => {
    const module = tinyModule('cncf');
    const config = new TextEncoder().encode(JSON.stringify({
      architecture: 'wasm', os: 'wasip1', layerDigests: [sha256Digest(module)],
    }));
    const repository = { registry: registry.host, repository: 'formats/cncf' };
    await pushRaw(client, repository, 'v1', {
      blobs: [module, config],
      manifest: {
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: descriptorOf('application/vnd.wasm.config.v0+json', config),
        layers: [descriptorOf('application/wasm', module)],
      },
    });

    const resolved = await resolver()
      .resolve(parseOciReference(`${registry.host}/formats/cncf:v1`));

    expect(resolved.bytes).toEqual(module);
  });

  it('pulls an ORAS file artifact whose raw module is labelled as a tar layer', async () => {
    const module = tinyModule('oras');
    const config = new TextEncoder().encode('{}');
    const repository = { registry: registry.host, repository: 'formats/oras' };
    await pushRaw(client, repository, 'v1', {
      blobs: [module, config],
      manifest: {
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: descriptorOf('application/vnd.unknown.config.v1+json', config),
        layers: [descriptorOf('application/vnd.oci.image.layer.v1.tar', module, {
          annotations: { 'org.opencontainers.image.title': 'gen.wasm' },
        })],
      },
    });

    const resolved = await resolver()
      .resolve(parseOciReference(`${registry.host}/formats/oras:v1`));

    expect(resolved.bytes).toEqual(module);
  });

  it('picks the wasi/wasm entry of an index and takes the entrypoint out of its tar layer',
    async () => {
      const module = tinyModule('wasi-image');
      const repository = { registry: registry.host, repository: 'formats/image' };
      const wasi = await pushImage(repository, { module, os: 'wasi', architecture: 'wasm' });
      const linux = await pushImage(repository, {
        module: tinyModule('linux'), os: 'linux', architecture: 'amd64',
      });
      await pushRaw(client, repository, 'v1', {
        blobs: [],
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifest: {
          schemaVersion: 2,
          mediaType: 'application/vnd.oci.image.index.v1+json',
          manifests: [
            { ...linux, platform: { os: 'linux', architecture: 'amd64' } },
            { ...wasi, platform: { os: 'wasi', architecture: 'wasm' } },
          ],
        },
      });

      const resolved = await resolver()
      .resolve(parseOciReference(`${registry.host}/formats/image:v1`));

      expect(resolved.bytes).toEqual(module);
      expect(resolved.platform).toBe('wasi/wasm');
      expect(resolved.layerMediaType).toBe('application/vnd.oci.image.layer.v1.tar+gzip');
    });

  it('reads an uncompressed tar layer inside a Docker manifest list', async () => {
    const module = tinyModule('docker-list');
    const repository = { registry: registry.host, repository: 'formats/dockerlist' };
    const wasi = await pushImage(repository, {
      module, os: 'wasip1', architecture: 'wasm', compressed: false,
    });
    await pushRaw(client, repository, 'v1', {
      blobs: [],
      mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json',
      manifest: {
        schemaVersion: 2,
        mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json',
        manifests: [{ ...wasi, platform: { os: 'wasip1', architecture: 'wasm' } }],
      },
    });

    const resolved = await resolver().resolve(
      parseOciReference(`${registry.host}/formats/dockerlist:v1`));

    expect(resolved.bytes).toEqual(module);
  });

  it('refuses an index without a wasm entry instead of falling back to linux', async () => {
    const repository = { registry: registry.host, repository: 'formats/linuxonly' };
    const linux = await pushImage(repository, {
      module: tinyModule('linux-only'), os: 'linux', architecture: 'amd64',
    });
    await pushRaw(client, repository, 'v1', {
      blobs: [],
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifest: {
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: [{ ...linux, platform: { os: 'linux', architecture: 'amd64' } }],
      },
    });

    const error = await resolveError(`${registry.host}/formats/linuxonly:v1`);

    expect(isDawgError(error) && error.code).toBe('REGISTRY_MEDIA_TYPE');
    expect((error as Error).message).toContain('linux/amd64');
  });

  it('refuses a container image whose config is not wasm', async () => {
    const repository = { registry: registry.host, repository: 'formats/linuximage' };
    await pushImage(repository, {
      module: tinyModule('linux-image'), os: 'linux', architecture: 'amd64', tag: 'v1',
    });

    const error = await resolveError(`${registry.host}/formats/linuximage:v1`);

    expect(isDawgError(error) && error.code).toBe('REGISTRY_MEDIA_TYPE');
    expect((error as Error).message).toMatch(/^oci:\/\/127\.0\.0\.1:\d+\/formats\/linuximage:v1/);
  });
});

async function pushImage(
  repository: { registry: string; repository: string },
  image: {
    module: Uint8Array;
    os: string;
    architecture: string;
    compressed?: boolean;
    tag?: string;
  },
): Promise<{ mediaType: string; digest: string; size: number }> {
  const files = [{ name: 'gen.wasm', data: image.module }];
  const isGzip = image.compressed !== false;
  const layer = isGzip ? await createTarGzip(files) : createTar(files);
  const config = new TextEncoder().encode(JSON.stringify({
    architecture: image.architecture,
    os: image.os,
    config: { Entrypoint: ['/gen.wasm'] },
    rootfs: { type: 'layers', diff_ids: [] },
  }));
  const layerType = isGzip
    ? 'application/vnd.oci.image.layer.v1.tar+gzip'
    : 'application/vnd.oci.image.layer.v1.tar';
  const tag = image.tag ?? `${image.os}-${image.architecture}`;
  const pushed = await pushRaw(client, repository, tag, {
    blobs: [layer, config],
    manifest: {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: descriptorOf('application/vnd.oci.image.config.v1+json', config),
      layers: [descriptorOf(layerType, layer)],
    },
  });
  return {
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    digest: pushed.digest,
    size: pushed.bytes.length,
  };
}
