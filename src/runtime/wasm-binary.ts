/**
 * Just enough of the WebAssembly binary format to check a module's header and cap its memory
 * before V8 compiles it (https://webassembly.github.io/spec/core/binary/modules.html).
 *
 * Written by hand because no well-kept npm library rewrites memory limits: binaryen and wabt
 * round-trip the whole module, which is slow and does not keep the bytes, while what is needed
 * here is a walk over the section headers and a few LEB128 numbers. Only the memory section is
 * re-encoded; every other section is copied byte for byte, since some toolchains (Go) pad their
 * LEB128 size fields and re-encoding them would move every offset after them.
 *
 * Imported memories need no rewriting: the only imports a generator may have are preview1
 * functions, so a module importing a memory is refused by prepareGenerator.
 */
import { DawgError } from '../errors.js';
import {
  concatBytes,
  encodeLeb128,
  readLeb128,
  readWasmSections,
  wasmHeaderBytes,
} from '../wasm-sections.js';
import { formatPages } from './limits.js';

const magic = [0x00, 0x61, 0x73, 0x6d];
const coreVersion = [0x01, 0x00, 0x00, 0x00];
/** Version and layer of a component (the component model's binary), refused by name. */
const componentVersion = [0x0d, 0x00, 0x01, 0x00];
const memorySectionId = 5;

/** Memory limit flags (https://webassembly.github.io/spec/core/binary/types.html#limits). */
const hasMaximumFlag = 0x01;
const sharedFlag = 0x02;
const memory64Flag = 0x04;
const knownFlags = hasMaximumFlag | sharedFlag | memory64Flag;

/** A module with its memory capped, and the limits it ended up with. */
export interface CappedModule {
  readonly bytes: Uint8Array;
  /** Initial pages of the module's own memory (0 when it defines none). */
  readonly initialPages: number;
  /** Maximum pages after capping (0 when it defines no memory). */
  readonly maximumPages: number;
}

/**
 * Checks the header, then lowers every memory's maximum to at most `capPages`, adding a
 * maximum where the module declared none.
 *
 * @throws DawgError `GENERATOR_INVALID_MODULE` for a component, another binary version, a
 *   truncated or malformed file, or 64-bit memory; `RUN_MEMORY` when a memory's initial size
 *   is over the cap, since such a module could never start.
 */
export function capModuleMemory(bytes: Uint8Array, capPages: number): CappedModule {
  checkHeader(bytes);

  const parts: Uint8Array[] = [bytes.subarray(0, wasmHeaderBytes)];
  let memory = { initialPages: 0, maximumPages: 0 };
  for (const section of readWasmSections(bytes)) {
    if (section.id !== memorySectionId) {
      parts.push(bytes.subarray(section.start, section.end));
      continue;
    }
    const body = bytes.subarray(section.bodyStart, section.end);
    const rewritten = rewriteMemorySection(body, capPages);
    memory = rewritten;
    parts.push(Uint8Array.of(section.id), encodeLeb128(rewritten.body.length), rewritten.body);
  }

  return { bytes: concatBytes(parts), ...memory };
}

function checkHeader(bytes: Uint8Array): void {
  if (bytes.length < wasmHeaderBytes || !startsWith(bytes, magic, 0)) {
    throw invalid('is not a WebAssembly module (no \\0asm header)');
  }
  if (startsWith(bytes, componentVersion, 4)) {
    throw new DawgError(
      'GENERATOR_INVALID_MODULE',
      'is a WebAssembly component, and the component model is not supported',
      { hint: 'build a core module for WASI preview1 (wasm32-wasi / wasm32-wasip1)' },
    );
  }
  if (!startsWith(bytes, coreVersion, 4)) {
    throw invalid('has an unknown WebAssembly binary version');
  }
}

function rewriteMemorySection(
  body: Uint8Array,
  capPages: number,
): { body: Uint8Array; initialPages: number; maximumPages: number } {
  const count = readLeb128(body, 0);
  const parts: Uint8Array[] = [encodeLeb128(count.value)];
  let offset = count.next;
  let initialPages = 0;
  let maximumPages = 0;

  for (let index = 0; index < count.value; index += 1) {
    const flags = readLeb128(body, offset);
    checkFlags(flags.value);
    const initial = readLeb128(body, flags.next);
    const declared = (flags.value & hasMaximumFlag) !== 0
      ? readLeb128(body, initial.next)
      : undefined;
    offset = declared?.next ?? initial.next;
    if (initial.value > capPages) {
      throw new DawgError('RUN_MEMORY', `needs ${formatPages(initial.value)} of memory to `
        + `start, over the ${formatPages(capPages)} cap`, {
        hint: 'raise the memory cap (--max-memory-mb) if the generator really needs this much',
      });
    }
    const maximum = Math.min(declared?.value ?? capPages, capPages);
    parts.push(
      Uint8Array.of((flags.value & sharedFlag) | hasMaximumFlag),
      encodeLeb128(initial.value),
      encodeLeb128(maximum),
    );
    initialPages = Math.max(initialPages, initial.value);
    maximumPages = Math.max(maximumPages, maximum);
  }
  if (offset !== body.length) {
    throw invalid('is malformed: its memory section has bytes left over');
  }

  return { body: concatBytes(parts), initialPages, maximumPages };
}

function checkFlags(flags: number): void {
  if ((flags & ~knownFlags) !== 0) {
    throw invalid(`is malformed: unknown memory limit flags 0x${flags.toString(16)}`);
  }
  if ((flags & memory64Flag) !== 0) {
    throw invalid('uses 64-bit memory, which WASI preview1 does not');
  }
}

function startsWith(bytes: Uint8Array, prefix: readonly number[], at: number): boolean {
  return prefix.every((byte, index) => bytes[at + index] === byte);
}

function invalid(message: string): DawgError {
  return new DawgError('GENERATOR_INVALID_MODULE', message);
}
