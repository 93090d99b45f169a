/**
 * Takes the module out of a wasi/wasm container image: the layer is a tar (maybe gzipped),
 * and the image config's Entrypoint names the file; without one, the only `.wasm` file in the
 * archive is used. Also the last check on every pulled module: it must start with the wasm
 * magic bytes.
 */
import { gunzipSync } from 'node:zlib';

import { parseTar } from 'nanotar';

import { DawgError } from '../../errors.js';
import type { ImageConfig } from './schema.js';

export interface ExtractModuleOptions {
  readonly isGzip: boolean;
  readonly config: ImageConfig;
  /** Cap on the unpacked archive, against a gzip bomb. */
  readonly maxBytes: number;
  readonly shown: string;
}

/**
 * The module file from a tar layer.
 *
 * @throws DawgError `REGISTRY_MEDIA_TYPE` when the image is not wasm or holds no module.
 */
export function extractModule(layer: Uint8Array, options: ExtractModuleOptions): Uint8Array {
  const { config, shown } = options;
  if (config.architecture !== 'wasm') {
    const platform = `${config.os ?? '?'}/${config.architecture ?? '?'}`;
    throw new DawgError('REGISTRY_MEDIA_TYPE', `${shown} is a ${platform} container image, not ` +
      'a wasm generator');
  }

  const archive = options.isGzip ? gunzip(layer, options) : layer;
  const files = parseTar(archive)
    .filter((file) => file.type === 'file' || file.type === undefined);
  const wanted = entrypointPath(config);
  const file = wanted === undefined
    ? singleWasmFile(files, shown)
    : files.find((candidate) => normalisePath(candidate.name) === wanted);
  if (file?.data === undefined) {
    throw new DawgError('REGISTRY_MEDIA_TYPE', `${shown}: the image layer holds no ` +
      `${wanted ?? '.wasm file'}`);
  }
  return file.data;
}

/** The wasm binary magic and version 1: `\0asm` 01 00 00 00. */
const wasmHeader = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

/** @throws DawgError `GENERATOR_INVALID_MODULE` when `bytes` are not a wasm module. */
export function checkWasmHeader(bytes: Uint8Array, shown: string): void {
  const matches = wasmHeader.every((byte, index) => bytes[index] === byte);
  if (!matches) {
    throw new DawgError('GENERATOR_INVALID_MODULE', `${shown} is not a WebAssembly module ` +
      '(it does not start with \\0asm and version 1)');
  }
}

function gunzip(layer: Uint8Array, options: ExtractModuleOptions): Uint8Array {
  try {
    return gunzipSync(layer, { maxOutputLength: options.maxBytes });
  } catch (error) {
    throw new DawgError('REGISTRY_MEDIA_TYPE', `${options.shown}: the image layer could not be ` +
      `unpacked (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
}

function entrypointPath(config: ImageConfig): string | undefined {
  const first = config.config?.Entrypoint?.[0];
  return first === undefined ? undefined : normalisePath(first);
}

function normalisePath(name: string): string {
  return name.replace(/^(\.\/|\/)+/, '');
}

function singleWasmFile<T extends { readonly name: string }>(
  files: readonly T[],
  shown: string,
): T | undefined {
  const wasm = files.filter((file) => file.name.endsWith('.wasm'));
  if (wasm.length > 1) {
    throw new DawgError('REGISTRY_MEDIA_TYPE', `${shown}: the image has no Entrypoint and ` +
      `${wasm.length} .wasm files; cannot tell which is the generator`);
  }
  return wasm[0];
}
