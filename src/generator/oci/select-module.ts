/**
 * Decides where in a pulled manifest the generator module is. Accepted shapes:
 *
 * - an image index or Docker manifest list: the entry for platform wasm/wasi (`wasi`, `wasip1`,
 *   `wasip2`), never a linux one;
 * - a manifest with a wasm layer (`dawg push`, the original prototype, wasm-to-oci, the CNCF
 *   Wasm artifact layout, ORAS artifacts): that layer's blob is the module; a layer of any
 *   type titled `*.wasm` in a manifest that is not a container image counts too (`oras push
 *   gen.wasm` without a type labels the raw file as a tar layer);
 * - a wasi/wasm container image whose layer is a tar (or tar+gzip) holding the module.
 */
import { DawgError } from '../../errors.js';
import {
  gzipTarLayerTypes,
  imageConfigTypes,
  indexTypes,
  tarLayerTypes,
  titleAnnotation,
  wasmLayerTypes,
} from './media-types.js';
import { parseWithSchema, type Descriptor, type RegistryManifest } from './schema.js';

/** Platform OS names of wasm entries, in order of preference: generators are WASI preview 1. */
const wasmOperatingSystems = ['wasip1', 'wasi', 'wasip2'] as const;

export type ModuleLocation =
  /** An index: fetch this child manifest and look again. */
  | { readonly kind: 'index'; readonly manifest: Descriptor }
  /** The layer blob is the module. */
  | { readonly kind: 'wasm-layer'; readonly layer: Descriptor }
  /** The layer is a tar archive; the image config names the module file. */
  | {
    readonly kind: 'tar-layer';
    readonly layer: Descriptor;
    readonly config: Descriptor;
    readonly isGzip: boolean;
  };

/** A parsed manifest with the type DAWG treats it as. */
export interface ParsedManifest {
  readonly manifest: RegistryManifest;
  /** `mediaType` from the body, else the registry's Content-Type. */
  readonly mediaType: string | undefined;
  /** `artifactType`, else the config's media type (image-spec's fallback rule). */
  readonly artifactType: string | undefined;
}

/**
 * Parses manifest bytes.
 *
 * @throws DawgError `REGISTRY_MEDIA_TYPE` when the bytes are not a manifest.
 */
export function parseManifest(
  bytes: Uint8Array,
  options: { readonly contentType: string | undefined; readonly shown: string },
): ParsedManifest {
  const parsed = parseWithSchema('manifest', new TextDecoder().decode(bytes));
  if ('problem' in parsed) {
    throw new DawgError('REGISTRY_MEDIA_TYPE', `${options.shown}: the manifest ${parsed.problem}`);
  }
  const manifest = parsed.value;
  return {
    manifest,
    mediaType: manifest.mediaType ?? options.contentType,
    artifactType: manifest.artifactType ?? manifest.config?.mediaType,
  };
}

/**
 * Where the module is in `parsed`.
 *
 * @throws DawgError `REGISTRY_MEDIA_TYPE` naming what was found instead.
 */
export function locateModule(parsed: ParsedManifest, shown: string): ModuleLocation {
  const { manifest, mediaType } = parsed;
  const isIndex = (mediaType !== undefined && indexTypes.has(mediaType)) ||
    (manifest.manifests !== undefined && manifest.layers === undefined);
  if (isIndex) {
    return { kind: 'index', manifest: selectWasmEntry(manifest.manifests ?? [], shown) };
  }

  const layers = manifest.layers ?? [];
  const wasmLayer = layers.find((layer) => wasmLayerTypes.has(layer.mediaType));
  if (wasmLayer !== undefined) {
    return { kind: 'wasm-layer', layer: wasmLayer };
  }
  const titled = layers.find((layer) => layer.annotations?.[titleAnnotation]?.endsWith('.wasm'));
  const isImage = manifest.config !== undefined && imageConfigTypes.has(manifest.config.mediaType);
  if (titled !== undefined && !isImage) {
    return { kind: 'wasm-layer', layer: titled };
  }
  const tarLayer = layers.find((layer) =>
    tarLayerTypes.has(layer.mediaType) || gzipTarLayerTypes.has(layer.mediaType));
  if (tarLayer !== undefined && manifest.config !== undefined && isImage) {
    const isGzip = gzipTarLayerTypes.has(tarLayer.mediaType);
    return { kind: 'tar-layer', layer: tarLayer, config: manifest.config, isGzip };
  }

  const found = layers.length === 0
    ? 'no layers'
    : `layers of type ${[...new Set(layers.map((layer) => layer.mediaType))].join(', ')}`;
  throw new DawgError('REGISTRY_MEDIA_TYPE', `${shown} is not a wasm generator: its manifest ` +
    `(${parsed.artifactType ?? mediaType ?? 'no type'}) has ${found}`, {
    hint: 'push the module with dawg push, or use an artifact with an application/wasm layer',
  });
}

function selectWasmEntry(entries: readonly Descriptor[], shown: string): Descriptor {
  for (const os of wasmOperatingSystems) {
    const entry = entries.find((candidate) =>
      candidate.platform?.architecture === 'wasm' && candidate.platform.os === os);
    if (entry !== undefined) {
      return entry;
    }
  }

  const platforms = entries
    .map((entry) => entry.platform === undefined
      ? 'no platform'
      : `${entry.platform.os}/${entry.platform.architecture}`)
    .join(', ');
  throw new DawgError('REGISTRY_MEDIA_TYPE', `${shown} is an image index without a wasm ` +
    `platform (it has ${platforms === '' ? 'no entries' : platforms})`, {
    hint: 'DAWG only runs wasi/wasm entries and never falls back to another platform',
  });
}
