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
import { formatPages } from './limits.js';

const magic = [0x00, 0x61, 0x73, 0x6d];
const coreVersion = [0x01, 0x00, 0x00, 0x00];
/** Version and layer of a component (the component model's binary), refused by name. */
const componentVersion = [0x0d, 0x00, 0x01, 0x00];
const headerBytes = 8;
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

interface Section {
  readonly id: number;
  /** The whole section, header included. */
  readonly bytes: Uint8Array;
  readonly body: Uint8Array;
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

  const parts: Uint8Array[] = [bytes.subarray(0, headerBytes)];
  let memory = { initialPages: 0, maximumPages: 0 };
  for (const section of readSections(bytes)) {
    if (section.id !== memorySectionId) {
      parts.push(section.bytes);
      continue;
    }
    const rewritten = rewriteMemorySection(section.body, capPages);
    memory = rewritten;
    parts.push(Uint8Array.of(section.id), encodeUnsigned(rewritten.body.length), rewritten.body);
  }

  return { bytes: concat(parts), ...memory };
}

function checkHeader(bytes: Uint8Array): void {
  if (bytes.length < headerBytes || !startsWith(bytes, magic, 0)) {
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

function* readSections(bytes: Uint8Array): Generator<Section> {
  let offset = headerBytes;
  while (offset < bytes.length) {
    const size = readUnsigned(bytes, offset + 1);
    const end = size.next + size.value;
    if (end > bytes.length) {
      throw invalid('is truncated: a section runs past the end of the file');
    }
    yield {
      id: bytes[offset]!,
      bytes: bytes.subarray(offset, end),
      body: bytes.subarray(size.next, end),
    };
    offset = end;
  }
}

function rewriteMemorySection(
  body: Uint8Array,
  capPages: number,
): { body: Uint8Array; initialPages: number; maximumPages: number } {
  const count = readUnsigned(body, 0);
  const parts: Uint8Array[] = [encodeUnsigned(count.value)];
  let offset = count.next;
  let initialPages = 0;
  let maximumPages = 0;

  for (let index = 0; index < count.value; index += 1) {
    const flags = readUnsigned(body, offset);
    checkFlags(flags.value);
    const initial = readUnsigned(body, flags.next);
    const declared = (flags.value & hasMaximumFlag) !== 0
      ? readUnsigned(body, initial.next)
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
      encodeUnsigned(initial.value),
      encodeUnsigned(maximum),
    );
    initialPages = Math.max(initialPages, initial.value);
    maximumPages = Math.max(maximumPages, maximum);
  }
  if (offset !== body.length) {
    throw invalid('is malformed: its memory section has bytes left over');
  }

  return { body: concat(parts), initialPages, maximumPages };
}

function checkFlags(flags: number): void {
  if ((flags & ~knownFlags) !== 0) {
    throw invalid(`is malformed: unknown memory limit flags 0x${flags.toString(16)}`);
  }
  if ((flags & memory64Flag) !== 0) {
    throw invalid('uses 64-bit memory, which WASI preview1 does not');
  }
}

/** An unsigned LEB128 number of up to 5 bytes (a u32, padded or not). */
function readUnsigned(bytes: Uint8Array, start: number): { value: number; next: number } {
  let value = 0;
  for (let index = 0; index < 5 && start + index < bytes.length; index += 1) {
    const byte = bytes[start + index]!;
    value += (byte & 0x7f) * 2 ** (7 * index);
    if ((byte & 0x80) === 0) {
      return { value, next: start + index + 1 };
    }
  }
  throw invalid('is malformed: a LEB128 number runs past its limit');
}

function encodeUnsigned(value: number): Uint8Array {
  const out: number[] = [];
  let rest = value;
  do {
    const byte = rest % 0x80;
    rest = Math.floor(rest / 0x80);
    out.push(rest === 0 ? byte : byte | 0x80);
  } while (rest !== 0);
  return Uint8Array.from(out);
}

function startsWith(bytes: Uint8Array, prefix: readonly number[], at: number): boolean {
  return prefix.every((byte, index) => bytes[at + index] === byte);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const part of parts) {
    total += part.length;
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function invalid(message: string): DawgError {
  return new DawgError('GENERATOR_INVALID_MODULE', message);
}
