import { describe, expect, it } from 'vitest';

import { isDawgError } from '../../errors.js';
import { locateModule, parseManifest } from './select-module.js';

const digest = (letter: string) => `sha256:${letter.repeat(64)}`;
const shown = 'oci://registry.example/gen:v1';

function locate(manifest: object, contentType?: string) {
  const bytes = new TextEncoder().encode(JSON.stringify(manifest));
  return locateModule(parseManifest(bytes, { contentType, shown }), shown);
}

function locateError(manifest: object): unknown {
  try {
    locate(manifest);
  } catch (error) {
    return error;
  }
  throw new Error('located without error');
}

describe('locateModule', () => {
  it('takes the first wasm layer of an artifact', () => {
    const location = locate({
      schemaVersion: 2,
      layers: [
        { mediaType: 'application/json', digest: digest('a'), size: 1 },
        { mediaType: 'application/vnd.wasm.content.layer.v1+wasm', digest: digest('b'), size: 2 },
      ],
    });

    expect(location).toMatchObject({ kind: 'wasm-layer', layer: { digest: digest('b') } });
  });

  it('prefers the wasip1 entry of an index and ignores linux entries', () => {
    const location = locate({
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        { mediaType: 'm', digest: digest('a'), size: 1,
          platform: { os: 'linux', architecture: 'amd64' } },
        { mediaType: 'm', digest: digest('b'), size: 1,
          platform: { os: 'wasip2', architecture: 'wasm' } },
        { mediaType: 'm', digest: digest('c'), size: 1,
          platform: { os: 'wasip1', architecture: 'wasm' } },
      ],
    });

    expect(location).toMatchObject({ kind: 'index', manifest: { digest: digest('c') } });
  });

  it('treats a body with manifests and no layers as an index when the type is missing', () => {
    const location = locate({
      manifests: [{ mediaType: 'm', digest: digest('a'), size: 1,
        platform: { os: 'wasi', architecture: 'wasm' } }],
    });

    expect(location.kind).toBe('index');
  });

  it('reads a tar+gzip layer of a container image through its config', () => {
    const location = locate({
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: digest('c'),
        size: 10 },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: digest('l'),
        size: 10 }],
    });

    expect(location).toMatchObject({ kind: 'tar-layer', isGzip: true });
  });

  it('names the platforms it found when an index has no wasm entry', () => {
    const error = locateError({
      mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json',
      manifests: [{ mediaType: 'm', digest: digest('a'), size: 1,
        platform: { os: 'linux', architecture: 'arm64' } }],
    });

    expect(isDawgError(error) && error.code).toBe('REGISTRY_MEDIA_TYPE');
    expect((error as Error).message).toContain('linux/arm64');
  });

  it('refuses a body that is not a manifest', () => {
    const error = locateError({ layers: 'none' });

    expect(isDawgError(error) && error.code).toBe('REGISTRY_MEDIA_TYPE');
  });
});
