import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { isDawgError, type DawgError } from '../../src/errors.js';
import { sha256Digest } from '../../src/generator/digest.js';
import { createCredentialSource } from '../../src/generator/oci/credentials.js';
import { pushGenerator } from '../../src/generator/oci/push-generator.js';
import { parseOciReference } from '../../src/generator/oci/reference.js';
import { createRegistryClient } from '../../src/generator/oci/registry-client.js';
import { createOciResolver } from '../../src/generator/oci/resolver.js';
import { freePort, startRegistry, type TestRegistry } from '../registry/registry-harness.js';
import { descriptorOf, emptyConfigDescriptor, pushRaw, tinyModule } from './test-content.js';

const credentials = createCredentialSource({ environment: {}, dockerConfigPath: '/nonexistent' });
const instantRetry = { delay: () => Promise.resolve() };

let registry: TestRegistry;
let workDir: string;

beforeAll(async () => {
  registry = await startRegistry();
  workDir = await mkdtemp(path.join(os.tmpdir(), 'dawg-oci-errors-'));
  await pushGenerator({
    bytes: tinyModule('errors'),
    reference: parseOciReference(`${registry.host}/errors/gen:v1`),
    title: 'gen.wasm',
    credentials,
  });
});

afterAll(async () => {
  await registry?.stop();
  await rm(workDir, { recursive: true, force: true });
});

async function resolveError(text: string, cacheName: string): Promise<DawgError> {
  const resolver = createOciResolver({
    credentials,
    cacheDir: path.join(workDir, cacheName),
    retry: instantRetry,
  });
  try {
    await resolver.resolve(parseOciReference(text));
  } catch (error) {
    if (isDawgError(error)) {
      return error;
    }
    throw error;
  }
  throw new Error(`${text} resolved without error`);
}

describe('registry errors, each one line naming the reference', () => {
  it('reports an unknown tag with REGISTRY_NOT_FOUND and lists the existing tags', async () => {
    const text = `${registry.host}/errors/gen:v9`;

    const error = await resolveError(text, 'unknown-tag');

    expect(error.code).toBe('REGISTRY_NOT_FOUND');
    expect(error.message).toMatch(new RegExp(`^oci://${text}: tag v9 does not exist`));
    expect(error.hint).toContain('v1');
    expect(error.message).not.toContain('\n');
  });

  it('reports an unknown repository with REGISTRY_NOT_FOUND', async () => {
    const error = await resolveError(`${registry.host}/errors/missing:v1`, 'unknown-repository');

    expect(error.code).toBe('REGISTRY_NOT_FOUND');
    expect(error.message).toContain('repository errors/missing does not exist');
  });

  it('reports an artifact without a wasm layer with REGISTRY_MEDIA_TYPE', async () => {
    const client = createRegistryClient({ credentials });
    const notes = new TextEncoder().encode('{"notes":true}');
    await pushRaw(client, { registry: registry.host, repository: 'errors/notes' }, 'v1', {
      blobs: [notes, new TextEncoder().encode('{}')],
      manifest: {
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        artifactType: 'application/vnd.acme.notes.v1',
        config: emptyConfigDescriptor,
        layers: [descriptorOf('application/json', notes)],
      },
    });

    const error = await resolveError(`${registry.host}/errors/notes:v1`, 'media-type');

    expect(error.code).toBe('REGISTRY_MEDIA_TYPE');
    expect(error.message).toContain('application/vnd.acme.notes.v1');
    expect(error.message).toContain('application/json');
  });

  it('reports a registry nobody listens on with REGISTRY_UNREACHABLE', async () => {
    const port = await freePort();

    const error = await resolveError(`127.0.0.1:${port}/errors/gen:v1`, 'unreachable');

    expect(error.code).toBe('REGISTRY_UNREACHABLE');
    expect(error.message).toContain(`oci://127.0.0.1:${port}/errors/gen:v1`);
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('reports a tampered blob with REGISTRY_DIGEST_MISMATCH naming both digests', async () => {
    const module = tinyModule('tampered');
    const reference = parseOciReference(`${registry.host}/errors/tampered:v1`);
    await pushGenerator({ bytes: module, reference, title: 'gen.wasm', credentials });
    const tampered = new Uint8Array(module);
    tampered[tampered.length - 1] = 0x21;
    await writeFile(registry.blobFile(sha256Digest(module)), tampered);

    const error = await resolveError(`${registry.host}/errors/tampered:v1`, 'tampered');

    expect(error.code).toBe('REGISTRY_DIGEST_MISMATCH');
    expect(error.message).toContain(`expected ${sha256Digest(module)}`);
    expect(error.message).toContain(`digest ${sha256Digest(tampered)}`);
  });

  it('reports a manifest that is not a wasm module with GENERATOR_INVALID_MODULE', async () => {
    const client = createRegistryClient({ credentials });
    const text = new TextEncoder().encode('not wasm at all');
    await pushRaw(client, { registry: registry.host, repository: 'errors/notwasm' }, 'v1', {
      blobs: [text, new TextEncoder().encode('{}')],
      manifest: {
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        artifactType: 'application/vnd.dawg.generator.v1',
        config: emptyConfigDescriptor,
        layers: [descriptorOf('application/wasm', text)],
      },
    });

    const error = await resolveError(`${registry.host}/errors/notwasm:v1`, 'not-wasm');

    expect(error.code).toBe('GENERATOR_INVALID_MODULE');
  });
});
