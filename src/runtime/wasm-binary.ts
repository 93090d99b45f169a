/**
 * Just enough of the WebAssembly binary format to check a module and cap its memory before V8
 * compiles it. Written by hand because no well-kept npm library rewrites memory limits: binaryen
 * and wabt round-trip the whole module (slow, and not byte-preserving), and the format needed
 * here is a handful of LEB128 fields (https://webassembly.github.io/spec/core/binary/).
 * Sections other than the memory section are copied byte for byte, since some toolchains (Go)
 * pad their size fields.
 */
import { DawgError } from '../errors.js';

export const wasmPageBytes = 64 * 1024;

const magic = [0x00, 0x61, 0x73, 0x6d];
const coreVersion = [0x01, 0x00, 0x00, 0x00];
const componentLayer = [0x0d, 0x00, 0x01, 0x00];
const memorySectionId = 5;

/** Memory limit flags (https://webassembly.github.io/spec/core/binary/types.html#limits). */
const hasMaximumFlag = 0x01;
const sharedFlag = 0x02;
const memory64Flag = 0x04;

export interface CappedModule {
  readonly bytes: Uint8Array;
  /** Initial pages of the module's own memory (0 when it defines none). */
  readonly initialPages: number;
  /** Maximum pages after capping. */
  readonly maximumPages: number;
}

/**
 * Checks the header, then rewrites the memory section so that every memory's maximum is at
 * most `capPages`. Refuses components and modules whose initial memory exceeds the cap.
 */
export function capModuleMemory(bytes: Uint8Array, capPages: number): CappedModule {
  checkHeader(bytes);

  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  let initialPages = 0;
  let maximumPages = 0;
  let offset = 8;
  while (offset < bytes.length) {
    const id = bytes[offset]!;
    const size = readUnsigned(bytes, offset + 1);
    const bodyStart = size.next;
    const bodyEnd = bodyStart + size.value;
    if (bodyEnd > bytes.length) {
      throw invalid('is truncated: a section runs past the end of the file');
    }
    if (id !== memorySectionId) {
      parts.push(bytes.subarray(offset, bodyEnd));
      offset = bodyEnd;
      continue;
    }
    const rewritten = rewriteMemorySection(bytes.subarray(bodyStart, bodyEnd), capPages);
    initialPages = rewritten.initialPages;
    maximumPages = rewritten.maximumPages;
    parts.push(Uint8Array.of(id), encodeUnsigned(rewritten.body.length), rewritten.body);
    offset = bodyEnd;
  }

  return { bytes: concat(parts), initialPages, maximumPages };
}

function checkHeader(bytes: Uint8Array): void {
  if (bytes.length < 8 || !startsWith(bytes, magic, 0)) {
    throw invalid('is not a WebAssembly module (no \\0asm header)');
  }
  if (startsWith(bytes, componentLayer, 4)) {
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
  const count = readUnsigned(body, 0);
  const parts: Uint8Array[] = [encodeUnsigned(count.value)];
  let offset = count.next;
  let initialPages = 0;
  let maximumPages = 0;

  for (let index = 0; index < count.value; index += 1) {
    const flags = body[offset]!;
    if ((flags & memory64Flag) !== 0) {
      throw invalid('uses 64-bit memory, which WASI preview1 does not');
    }
    const initial = readUnsigned(body, offset + 1);
    const declared = (flags & hasMaximumFlag) !== 0 ? readUnsigned(body, initial.next) : undefined;
    offset = declared?.next ?? initial.next;
    if (initial.value > capPages) {
      throw new DawgError(
        'RUN_MEMORY',
        `needs ${formatPages(initial.value)} of memory to start, over the `
          + `${formatPages(capPages)} cap`,
      );
    }
    const maximum = Math.min(declared?.value ?? capPages, capPages);
    parts.push(
      Uint8Array.of((flags & sharedFlag) | hasMaximumFlag),
      encodeUnsigned(initial.value),
      encodeUnsigned(maximum),
    );
    initialPages = Math.max(initialPages, initial.value);
    maximumPages = Math.max(maximumPages, maximum);
  }

  return { body: concat(parts), initialPages, maximumPages };
}

/** `16 MiB` for 256 pages. */
export function formatPages(pages: number): string {
  const mebibytes = (pages * wasmPageBytes) / (1024 * 1024);
  return `${Number.isInteger(mebibytes) ? mebibytes : mebibytes.toFixed(1)} MiB`;
}

function readUnsigned(bytes: Uint8Array, start: number): { value: number; next: number } {
  let value = 0;
  let shift = 0;
  for (let offset = start; offset < bytes.length && shift < 35; offset += 1) {
    const byte = bytes[offset]!;
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) {
      return { value, next: offset + 1 };
    }
    shift += 7;
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
  const total = parts.reduce((sum, part) => sum + part.length, 0);
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
