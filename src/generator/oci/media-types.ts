/**
 * The media types DAWG reads and writes. Sources: OCI image-spec `media-types.md` and
 * `manifest.md` (artifactType, empty descriptor), wasm-to-oci, the CNCF TAG Runtime Wasm OCI
 * artifact layout, and runwasi's supported layer types.
 */

export const ociManifestType = 'application/vnd.oci.image.manifest.v1+json';
export const ociIndexType = 'application/vnd.oci.image.index.v1+json';
export const dockerManifestType = 'application/vnd.docker.distribution.manifest.v2+json';
export const dockerManifestListType = 'application/vnd.docker.distribution.manifest.list.v2+json';

/**
 * Sent on every manifest HEAD and GET. Registries (distribution 2.8, GHCR) answer 404
 * MANIFEST_UNKNOWN for an OCI manifest or index when its type is missing from Accept.
 */
export const manifestAcceptHeader = [
  ociManifestType,
  ociIndexType,
  dockerManifestType,
  dockerManifestListType,
].join(', ');

export const indexTypes: ReadonlySet<string> = new Set([ociIndexType, dockerManifestListType]);
export const manifestTypes: ReadonlySet<string> = new Set([ociManifestType, dockerManifestType]);

/** What `dawg push` writes as `artifactType`; the original prototype used the same value. */
export const generatorArtifactType = 'application/vnd.dawg.generator.v1';

/** The layer type `dawg push` writes (the CNCF Wasm artifact layout's). */
export const wasmLayerType = 'application/wasm';

/** Layers whose blob is the module itself; the first one found is used. */
export const wasmLayerTypes: ReadonlySet<string> = new Set([
  wasmLayerType,
  'application/vnd.wasm.content.layer.v1+wasm',
  'application/vnd.bytecodealliance.wasm.component.layer.v0+wasm',
]);

/** Image layers that are tar archives holding the module (a wasi/wasm container image). */
export const tarLayerTypes: ReadonlySet<string> = new Set([
  'application/vnd.oci.image.layer.v1.tar',
  'application/vnd.docker.image.rootfs.diff.tar',
]);

/** Image layers that are gzip-compressed tar archives holding the module. */
export const gzipTarLayerTypes: ReadonlySet<string> = new Set([
  'application/vnd.oci.image.layer.v1.tar+gzip',
  'application/vnd.docker.image.rootfs.diff.tar.gzip',
]);

/** Config types of container images, whose config JSON names the entrypoint. */
export const imageConfigTypes: ReadonlySet<string> = new Set([
  'application/vnd.oci.image.config.v1+json',
  'application/vnd.docker.container.image.v1+json',
]);

/**
 * The OCI empty descriptor: a two-byte `{}` config, used when an artifact has no config
 * (image-spec manifest.md, "Guidance for an Empty Descriptor").
 */
export const emptyConfig = {
  mediaType: 'application/vnd.oci.empty.v1+json',
  digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
  size: 2,
  bytes: new TextEncoder().encode('{}'),
} as const;

/** Annotation holding a layer's file name (ORAS and `dawg push` set it). */
export const titleAnnotation = 'org.opencontainers.image.title';
