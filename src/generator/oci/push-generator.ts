/**
 * `dawg push`: publishes a module as an OCI 1.1 artifact (image-spec manifest.md, "Guidelines
 * for Artifact Usage"): an image manifest with `artifactType` set, the empty config, and one
 * `application/wasm` layer titled with the file name. No timestamp is added, so pushing the
 * same module with the same options always gives the same manifest digest.
 */
import { DawgError } from '../../errors.js';
import { silentLogger } from '../../log.js';
import { sha256Digest, shortDigest } from '../digest.js';
import type { OciReference } from '../reference.js';
import { checkWasmHeader } from './extract-module.js';
import {
  emptyConfig,
  generatorArtifactType,
  ociManifestType,
  titleAnnotation,
  wasmLayerType,
} from './media-types.js';
import { formatOciReference } from './reference.js';
import type { RegistryClient, RepositoryReference } from './registry-client.js';
import { createClientFromOptions, type RegistryOptions } from './registry-options.js';

export interface PushGeneratorOptions extends RegistryOptions {
  /** The module. */
  readonly bytes: Uint8Array;
  /** Where to push; needs a tag (a digest is computed, not chosen). */
  readonly reference: OciReference;
  /** File name for the title annotation, e.g. `timeseries.wasm`. */
  readonly title: string;
  /** Extra manifest annotations (`org.opencontainers.image.source`, …). */
  readonly annotations?: Readonly<Record<string, string>>;
  /** Repositories of the same registry to mount the module from instead of uploading it. */
  readonly mountFrom?: readonly string[];
  /** Modules larger than this are uploaded in chunks of this size. Default 8 MiB. */
  readonly chunkSizeBytes?: number;
  readonly signal?: AbortSignal;
}

export interface PushResult {
  /** `sha256:<hex>` of the pushed manifest: what `oci://…@<digest>` pins. */
  readonly manifestDigest: string;
  /** `sha256:<hex>` of the module. */
  readonly digest: string;
  /** How the module got into the repository. */
  readonly layer: 'uploaded' | 'mounted' | 'present';
  /** The manifest as pushed. */
  readonly manifest: Uint8Array;
}

/**
 * Pushes a generator module and tags it.
 *
 * @throws DawgError `USAGE` for a digest reference, `GENERATOR_INVALID_MODULE` for bytes that
 *   are not wasm, `REGISTRY_*` for registry failures.
 */
export async function pushGenerator(options: PushGeneratorOptions): Promise<PushResult> {
  const shown = `oci://${formatOciReference(options.reference)}`;
  const { reference } = options;
  if (reference.digest !== undefined || reference.tag === undefined) {
    throw new DawgError('USAGE', `${shown}: push to a tag, not a digest`, {
      hint: 'the digest of the pushed manifest is printed after the push',
    });
  }
  checkWasmHeader(options.bytes, shown);
  const logger = options.logger ?? silentLogger;
  const client = createClientFromOptions(options);
  const call = { signal: options.signal };

  const digest = sha256Digest(options.bytes);
  const layer = await placeLayer(client, reference, options);
  if (!(await client.hasBlob(reference, emptyConfig.digest, call))) {
    await client.uploadBlob(reference, emptyConfig.bytes, call);
  }
  const manifest = createGeneratorManifest({
    digest,
    size: options.bytes.length,
    title: options.title,
    annotations: options.annotations,
  });
  const manifestDigest = await client.putManifest(reference, reference.tag, {
    bytes: manifest,
    mediaType: ociManifestType,
  }, call);

  logger.info(`pushed ${shown} (${layer} module ${shortDigest(digest)})`, {
    digest: manifestDigest,
  });
  return { manifestDigest, digest, layer, manifest };
}

async function placeLayer(
  client: RegistryClient,
  repository: RepositoryReference,
  options: PushGeneratorOptions,
): Promise<PushResult['layer']> {
  const digest = sha256Digest(options.bytes);
  const call = { signal: options.signal };
  if (await client.hasBlob(repository, digest, call)) {
    return 'present';
  }
  for (const from of options.mountFrom ?? []) {
    if (from !== repository.repository &&
      await client.mountBlob(repository, digest, { ...call, from })) {
      return 'mounted';
    }
  }
  await client.uploadBlob(repository, options.bytes, {
    ...call,
    chunkSizeBytes: options.chunkSizeBytes,
  });
  return 'uploaded';
}

/** The manifest bytes `dawg push` writes, documented in docs/oci.md ("Push format"). */
export function createGeneratorManifest(layer: {
  readonly digest: string;
  readonly size: number;
  readonly title: string;
  readonly annotations?: Readonly<Record<string, string>>;
}): Uint8Array {
  const manifest = {
    schemaVersion: 2,
    mediaType: ociManifestType,
    artifactType: generatorArtifactType,
    config: {
      mediaType: emptyConfig.mediaType,
      digest: emptyConfig.digest,
      size: emptyConfig.size,
      data: 'e30=',
    },
    layers: [{
      mediaType: wasmLayerType,
      digest: layer.digest,
      size: layer.size,
      annotations: { [titleAnnotation]: layer.title },
    }],
    ...(layer.annotations === undefined || Object.keys(layer.annotations).length === 0
      ? {}
      : { annotations: sortedRecord(layer.annotations) }),
  };
  return new TextEncoder().encode(JSON.stringify(manifest));
}

function sortedRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
