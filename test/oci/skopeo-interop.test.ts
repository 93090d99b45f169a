import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sha256Digest } from '../../src/generator/digest.js';
import { createCredentialSource } from '../../src/generator/oci/credentials.js';
import { pushGenerator } from '../../src/generator/oci/push-generator.js';
import { parseOciReference } from '../../src/generator/oci/reference.js';
import { createOciResolver } from '../../src/generator/oci/resolver.js';
import { startRegistry, type TestRegistry } from '../registry/registry-harness.js';
import { requireProgram } from '../registry/require-program.js';
import { tinyModule } from './test-content.js';

const run = promisify(execFile);
const credentials = createCredentialSource({ environment: {}, dockerConfigPath: '/nonexistent' });

let registry: TestRegistry;
let workDir: string;

beforeAll(async () => {
  requireProgram('skopeo', 'skopeo');
  registry = await startRegistry({ auth: 'basic' });
  workDir = await mkdtemp(path.join(os.tmpdir(), 'dawg-skopeo-'));
});

afterAll(async () => {
  await registry?.stop();
  await rm(workDir, { recursive: true, force: true });
});

/** Runs skopeo isolated from the user's own config, against the plain-HTTP test registry. */
async function skopeo(...args: string[]): Promise<string> {
  const { stdout } = await run('skopeo', ['--insecure-policy', ...args], {
    env: { PATH: process.env['PATH'], HOME: workDir },
    encoding: 'utf8',
  });
  return stdout;
}

function creds(): string {
  return `${registry.username}:${registry.password}`;
}

function withPassword() {
  return createOciResolver({
    credentials: () => Promise.resolve({
      secret: { kind: 'password', username: registry.username, password: registry.password },
      source: 'test',
    }),
    cacheDir: path.join(workDir, 'cache'),
  });
}

describe('interoperability with skopeo, an independent OCI client', () => {
  it('reads back byte for byte the manifest dawg pushed', async () => {
    const module = tinyModule('skopeo-inspect');
    const pushed = await pushGenerator({
      bytes: module,
      reference: parseOciReference(`${registry.host}/interop/pushed:v1`),
      title: 'gen.wasm',
      credentials: () => Promise.resolve({
        secret: { kind: 'password', username: registry.username, password: registry.password },
        source: 'test',
      }),
    });

    const raw = await skopeo('inspect', '--raw', '--tls-verify=false', '--creds', creds(),
      `docker://${registry.host}/interop/pushed:v1`);

    expect(sha256Digest(new TextEncoder().encode(raw))).toBe(pushed.manifestDigest);
    expect(JSON.parse(raw)).toMatchObject({
      artifactType: 'application/vnd.dawg.generator.v1',
      layers: [{ mediaType: 'application/wasm', digest: sha256Digest(module) }],
    });
  });

  it('copies what dawg pushed to another repository and to an OCI layout, unchanged',
    async () => {
      const module = tinyModule('skopeo-copy');
      const pushed = await pushGenerator({
        bytes: module,
        reference: parseOciReference(`${registry.host}/interop/source:v1`),
        title: 'gen.wasm',
        credentials: () => Promise.resolve({
          secret: { kind: 'password', username: registry.username, password: registry.password },
          source: 'test',
        }),
      });
      const layout = path.join(workDir, 'layout');

      await skopeo('copy', '--src-tls-verify=false', '--dest-tls-verify=false',
        '--src-creds', creds(), '--dest-creds', creds(),
        `docker://${registry.host}/interop/source:v1`,
        `docker://${registry.host}/interop/copy:v1`);
      await skopeo('copy', '--src-tls-verify=false', '--src-creds', creds(),
        `docker://${registry.host}/interop/source:v1`, `oci:${layout}:v1`);
      const copied = await withPassword()
        .resolve(parseOciReference(`${registry.host}/interop/copy:v1`));

      expect(copied.manifestDigest).toBe(pushed.manifestDigest);
      expect(copied.bytes).toEqual(module);
      const hex = sha256Digest(module).slice('sha256:'.length);
      expect(await readFile(path.join(layout, 'blobs', 'sha256', hex))).toEqual(
        Buffer.from(module));
    });

  it('pulls a generator that skopeo copied in from an OCI layout', async () => {
    const module = tinyModule('from-layout');
    const layout = await writeCncfLayout(path.join(workDir, 'handmade'), module);

    await skopeo('copy', '--dest-tls-verify=false', '--dest-creds', creds(),
      `oci:${layout}:v1`, `docker://${registry.host}/interop/from-layout:v1`);
    const pulled = await withPassword()
      .resolve(parseOciReference(`${registry.host}/interop/from-layout:v1`));

    expect(pulled.bytes).toEqual(module);
    expect(pulled.layerMediaType).toBe('application/wasm');
  });
});

/** An OCI image layout (image-spec image-layout.md) holding a CNCF-style Wasm artifact. */
async function writeCncfLayout(directory: string, module: Uint8Array): Promise<string> {
  const blobs = path.join(directory, 'blobs', 'sha256');
  await mkdir(blobs, { recursive: true });
  const writeBlob = async (bytes: Uint8Array): Promise<string> => {
    const digest = sha256Digest(bytes);
    await writeFile(path.join(blobs, digest.slice('sha256:'.length)), bytes);
    return digest;
  };
  const config = new TextEncoder().encode(JSON.stringify({
    architecture: 'wasm', os: 'wasip1', layerDigests: [sha256Digest(module)],
  }));
  const manifest = new TextEncoder().encode(JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.wasm.config.v0+json', digest: await writeBlob(config),
      size: config.length },
    layers: [{ mediaType: 'application/wasm', digest: await writeBlob(module),
      size: module.length }],
  }));
  const manifestDigest = await writeBlob(manifest);
  await writeFile(path.join(directory, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  await writeFile(path.join(directory, 'index.json'), JSON.stringify({
    schemaVersion: 2,
    manifests: [{
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: manifestDigest,
      size: manifest.length,
      annotations: { 'org.opencontainers.image.ref.name': 'v1' },
    }],
  }));
  return directory;
}
