/**
 * Pulls a generator module by manifest digest: manifest (through an index to the wasm entry
 * when there is one), then the module layer, each from the cache or the registry, each
 * verified. Resolving a tag to a digest is the caller's step.
 */
import { DawgError } from '../../errors.js';
import { sha256Digest } from '../digest.js';
import type { OciReference } from '../reference.js';
import type { ContentOrigin, ContentStore } from './content-store.js';
import { checkWasmHeader, extractModule } from './extract-module.js';
import { formatOciReference } from './reference.js';
import type { RepositoryReference } from './registry-client.js';
import { parseWithSchema } from './schema.js';
import { locateModule, parseManifest, type ParsedManifest } from './select-module.js';

/** A pulled module and what it was found in, for `inspect` and the lock file. */
export interface PulledGenerator {
  /** Digest of the manifest the reference points to (an index's, when it is an index). */
  readonly manifestDigest: string;
  /** `sha256:<hex>` of the module bytes. */
  readonly digest: string;
  readonly bytes: Uint8Array;
  /** Media type of the manifest the reference points to. */
  readonly mediaType: string | undefined;
  /** `artifactType` (or config type) of the manifest holding the module. */
  readonly artifactType: string | undefined;
  /** Media type of the layer the module came from. */
  readonly layerMediaType: string;
  /** `os/architecture` of the index entry used, when the reference is an index. */
  readonly platform: string | undefined;
  /** `cache` when nothing was downloaded. */
  readonly resolvedFrom: ContentOrigin;
}

export interface PullGeneratorOptions {
  readonly store: ContentStore;
  /** Cap on an unpacked image layer. */
  readonly maxBlobBytes: number;
  readonly signal?: AbortSignal;
}

/** An index pointing to an index pointing to … is refused after this many levels. */
const maxIndexDepth = 2;

/**
 * Pulls the module that `reference` (with its manifest digest) names.
 *
 * @throws DawgError `REGISTRY_*` or `GENERATOR_INVALID_MODULE`, with `oci://…` first.
 */
export async function pullGenerator(
  reference: OciReference & { readonly digest: string },
  options: PullGeneratorOptions,
): Promise<PulledGenerator> {
  const shown = `oci://${formatOciReference(reference)}`;
  const origins: ContentOrigin[] = [];
  const top = await loadManifest(reference, reference.digest, { ...options, shown, origins });

  let current = top;
  let platform: string | undefined;
  for (let depth = 0; ; depth += 1) {
    const location = locateModule(current, shown);
    if (location.kind !== 'index') {
      const module = await loadModule(reference, location, { ...options, shown, origins });
      checkWasmHeader(module.bytes, shown);
      return {
        manifestDigest: reference.digest,
        digest: sha256Digest(module.bytes),
        bytes: module.bytes,
        mediaType: top.mediaType,
        artifactType: current.artifactType,
        layerMediaType: module.layerMediaType,
        platform,
        resolvedFrom: origins.every((origin) => origin === 'cache') ? 'cache' : 'registry',
      };
    }
    if (depth === maxIndexDepth) {
      throw new DawgError('REGISTRY_MEDIA_TYPE', `${shown}: image indexes nest deeper than ` +
        `${maxIndexDepth} levels`);
    }
    const entry = location.manifest;
    platform = entry.platform === undefined
      ? undefined
      : `${entry.platform.os}/${entry.platform.architecture}`;
    current = await loadManifest(reference, entry.digest, { ...options, shown, origins });
  }
}

interface LoadContext extends PullGeneratorOptions {
  readonly shown: string;
  readonly origins: ContentOrigin[];
}

async function loadManifest(
  repository: RepositoryReference,
  digest: string,
  context: LoadContext,
): Promise<ParsedManifest> {
  const content = await context.store.manifest(repository, digest, { signal: context.signal });
  context.origins.push(content.origin);
  return parseManifest(content.bytes, { contentType: content.mediaType, shown: context.shown });
}

async function loadModule(
  repository: RepositoryReference,
  location: Exclude<ReturnType<typeof locateModule>, { kind: 'index' }>,
  context: LoadContext,
): Promise<{ readonly bytes: Uint8Array; readonly layerMediaType: string }> {
  const what = `module layer of ${context.shown}`;
  if (location.kind === 'wasm-layer') {
    const layer = await context.store.blob(repository, location.layer, {
      signal: context.signal,
      what,
    });
    context.origins.push(layer.origin);
    return { bytes: layer.bytes, layerMediaType: location.layer.mediaType };
  }

  const configContent = await context.store.blob(repository, location.config, {
    signal: context.signal,
    what: `image config of ${context.shown}`,
  });
  context.origins.push(configContent.origin);
  const config = parseWithSchema('imageConfig', new TextDecoder().decode(configContent.bytes));
  if ('problem' in config) {
    throw new DawgError('REGISTRY_MEDIA_TYPE', `${context.shown}: the image config ` +
      `${config.problem}`);
  }
  if (config.value.architecture !== 'wasm') {
    const platform = `${config.value.os ?? '?'}/${config.value.architecture ?? '?'}`;
    throw new DawgError('REGISTRY_MEDIA_TYPE', `${context.shown} is a ${platform} container ` +
      'image, not a wasm generator');
  }
  const layer = await context.store.blob(repository, location.layer, {
    signal: context.signal,
    what,
  });
  context.origins.push(layer.origin);
  const bytes = extractModule(layer.bytes, {
    isGzip: location.isGzip,
    config: config.value,
    maxBytes: context.maxBlobBytes,
    shown: context.shown,
  });
  return { bytes, layerMediaType: location.layer.mediaType };
}
