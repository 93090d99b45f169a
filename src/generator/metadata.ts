/**
 * A generator describes itself in a WebAssembly custom section named `dawg.generator`, whose
 * payload is UTF-8 JSON: its name, version, description, the JSON Schema (draft 2020-12) of
 * its config and an example config. DAWG reads it without compiling or running the module.
 *
 * The section walk is written by hand: it is a few dozen lines over the section headers
 * (https://webassembly.github.io/spec/core/binary/modules.html#custom-section), while the npm
 * libraries that expose custom sections either compile the module first (the WebAssembly JS
 * API) or parse and re-encode all of it (wabt, binaryen), which would not keep the other bytes.
 */
import { DawgError, isDawgError } from '../errors.js';
import {
  concatBytes,
  encodeLeb128,
  readLeb128,
  readWasmSections,
  wasmHeaderBytes,
  type WasmSection,
} from '../wasm-sections.js';

/** The name of the custom section that carries a generator's metadata. */
export const generatorMetadataSectionName = 'dawg.generator';

/** 1 MiB of metadata: a schema of hundreds of documented fields stays under 50 KiB. */
export const maxGeneratorMetadataBytes = 1024 * 1024;

/** What a generator says about itself: the payload of its `dawg.generator` section. */
export interface GeneratorMetadata {
  /** The generator's name, e.g. `k8s-deployment`. */
  readonly name: string;
  /** Its version, e.g. `1.2.0`. */
  readonly version: string;
  /** One sentence on the dashboard it draws. */
  readonly description?: string;
  /**
   * JSON Schema (draft 2020-12) of `spec.config`, with a `description` on every property so
   * that config errors can quote it.
   */
  readonly configSchema?: Readonly<Record<string, unknown>>;
  /** A config that the generator accepts, shown by `dawg inspect` and used in templates. */
  readonly exampleConfig?: Readonly<Record<string, unknown>>;
}

const customSectionId = 0;
const magic = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
const knownFields = new Set(['name', 'version', 'description', 'configSchema', 'exampleConfig']);


/**
 * Reads the metadata a generator module carries in its `dawg.generator` section.
 *
 * @returns the metadata, or undefined when the module has no such section.
 * @throws DawgError `GENERATOR_INVALID_MODULE` when the bytes are not a WebAssembly core module
 *   or their sections are truncated; `GENERATOR_METADATA` when the section appears twice, is
 *   too large, is not UTF-8 JSON, or does not have the shape of GeneratorMetadata.
 */
export function readGeneratorMetadata(bytes: Uint8Array): GeneratorMetadata | undefined {
  const payloads = findMetadataSections(bytes).map((section) => section.payload);
  if (payloads.length === 0) {
    return undefined;
  }
  if (payloads.length > 1) {
    throw metadataError(`the module has ${payloads.length} ${generatorMetadataSectionName} `
      + 'sections; it must have at most one');
  }

  const payload = payloads[0]!;
  if (payload.length > maxGeneratorMetadataBytes) {
    throw metadataError(`the ${generatorMetadataSectionName} section holds ${payload.length} `
      + `bytes, over the ${maxGeneratorMetadataBytes}-byte limit`);
  }
  return parseGeneratorMetadata(decodeUtf8(payload));
}

/**
 * Parses metadata JSON, as found in a `dawg.generator` section or a generator.json file.
 *
 * @throws DawgError `GENERATOR_METADATA` naming the first field that is wrong.
 */
export function parseGeneratorMetadata(text: string): GeneratorMetadata {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw metadataError(`the generator metadata is not valid JSON: ${reason}`, { cause: error });
  }

  return checkGeneratorMetadata(value);
}

/**
 * Returns a copy of the module with `metadata` as its `dawg.generator` section, appended after
 * every other section; an existing `dawg.generator` section is removed. The JSON is written
 * with the fields in a fixed order, so the same inputs give the same bytes.
 *
 * @throws DawgError `GENERATOR_INVALID_MODULE` when the bytes are not a WebAssembly core module;
 *   `GENERATOR_METADATA` when `metadata` does not have the shape of GeneratorMetadata or is
 *   over maxGeneratorMetadataBytes.
 */
export function embedGeneratorMetadata(
  bytes: Uint8Array,
  metadata: GeneratorMetadata,
): Uint8Array {
  const checked = checkGeneratorMetadata(metadata);
  const payload = new TextEncoder().encode(JSON.stringify(orderFields(checked)));
  if (payload.length > maxGeneratorMetadataBytes) {
    throw metadataError(`the generator metadata is ${payload.length} bytes, over the `
      + `${maxGeneratorMetadataBytes}-byte limit`);
  }

  const kept: Uint8Array[] = [bytes.subarray(0, wasmHeaderBytes)];
  const replaced = new Set(findMetadataSections(bytes).map((section) => section.start));
  for (const section of sectionsOf(bytes)) {
    if (!replaced.has(section.start)) {
      kept.push(bytes.subarray(section.start, section.end));
    }
  }
  kept.push(encodeCustomSection(generatorMetadataSectionName, payload));

  return concatBytes(kept);
}

function checkGeneratorMetadata(value: unknown): GeneratorMetadata {
  if (!isRecord(value)) {
    throw metadataError('the generator metadata must be a JSON object');
  }
  for (const key of Object.keys(value)) {
    if (!knownFields.has(key)) {
      throw metadataError(`the generator metadata has an unknown field "${key}"`, {
        hint: `the fields are ${[...knownFields].join(', ')}`,
      });
    }
  }
  requireText(value, 'name');
  requireText(value, 'version');
  if (value['description'] !== undefined && typeof value['description'] !== 'string') {
    throw metadataError('the generator metadata field "description" must be a string');
  }
  requireObjectOrAbsent(value, 'configSchema');
  requireObjectOrAbsent(value, 'exampleConfig');

  return value as unknown as GeneratorMetadata;
}

function requireText(value: Record<string, unknown>, field: 'name' | 'version'): void {
  const text = value[field];
  if (typeof text !== 'string' || text.trim() === '') {
    throw metadataError(`the generator metadata field "${field}" must be a non-empty string`);
  }
}

function requireObjectOrAbsent(value: Record<string, unknown>, field: string): void {
  if (value[field] !== undefined && !isRecord(value[field])) {
    throw metadataError(`the generator metadata field "${field}" must be a JSON object`);
  }
}

function orderFields(metadata: GeneratorMetadata): GeneratorMetadata {
  return {
    name: metadata.name,
    version: metadata.version,
    ...(metadata.description === undefined ? {} : { description: metadata.description }),
    ...(metadata.configSchema === undefined ? {} : { configSchema: metadata.configSchema }),
    ...(metadata.exampleConfig === undefined ? {} : { exampleConfig: metadata.exampleConfig }),
  };
}

function findMetadataSections(
  bytes: Uint8Array,
): Array<{ readonly start: number; readonly payload: Uint8Array }> {
  const found: Array<{ start: number; payload: Uint8Array }> = [];
  for (const section of sectionsOf(bytes)) {
    if (section.id !== customSectionId) {
      continue;
    }
    const nameLength = asModuleError(() => readLeb128(bytes, section.bodyStart, section.end));
    const nameEnd = nameLength.next + nameLength.value;
    if (nameEnd > section.end) {
      throw invalidModule('is malformed: a custom section name runs past its section');
    }
    const name = new TextDecoder().decode(bytes.subarray(nameLength.next, nameEnd));
    if (name === generatorMetadataSectionName) {
      found.push({ start: section.start, payload: bytes.subarray(nameEnd, section.end) });
    }
  }
  return found;
}

/**
 * The module's sections after checking its header; a truncated or malformed module is a
 * GENERATOR_INVALID_MODULE error that reads "generator module …".
 */
function* sectionsOf(bytes: Uint8Array): Generator<WasmSection> {
  checkHeader(bytes);
  const sections = readWasmSections(bytes);
  for (;;) {
    const next = asModuleError(() => sections.next());
    if (next.done === true) {
      return;
    }
    yield next.value;
  }
}

/** Runs a binary read, rewording its error as one about the generator module. */
function asModuleError<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw isDawgError(error) ? invalidModule(error.message) : error;
  }
}

function checkHeader(bytes: Uint8Array): void {
  const hasMagic = magic.every((byte, index) => bytes[index] === byte);
  if (bytes.length < wasmHeaderBytes || !hasMagic) {
    throw invalidModule('is not a WebAssembly core module (no \\0asm version 1 header)');
  }
}

function encodeCustomSection(name: string, payload: Uint8Array): Uint8Array {
  const nameBytes = new TextEncoder().encode(name);
  const body = concatBytes([encodeLeb128(nameBytes.length), nameBytes, payload]);
  return concatBytes([Uint8Array.of(customSectionId), encodeLeb128(body.length), body]);
}

function decodeUtf8(payload: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(payload);
  } catch (error) {
    throw metadataError(`the ${generatorMetadataSectionName} section is not UTF-8 text`, {
      cause: error,
    });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function metadataError(
  message: string,
  options: { readonly hint?: string; readonly cause?: unknown } = {},
): DawgError {
  return new DawgError('GENERATOR_METADATA', message, {
    hint: options.hint ?? `fix the ${generatorMetadataSectionName} section (generator.json) `
      + 'and embed it again',
    cause: options.cause,
  });
}

function invalidModule(message: string): DawgError {
  return new DawgError('GENERATOR_INVALID_MODULE', `generator module ${message}`);
}
