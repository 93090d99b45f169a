/**
 * Walking a WebAssembly binary's sections, shared by the sandbox (which rewrites the memory
 * section) and the metadata reader (which finds a custom section), both without compiling the
 * module. Written by hand: it is a few LEB128 fields
 * (https://webassembly.github.io/spec/core/binary/modules.html#sections), and no npm library
 * reads sections without parsing, or rewriting, the whole module.
 *
 * Errors are GENERATOR_INVALID_MODULE with a predicate for a message ("is truncated: …"); the
 * caller names the subject.
 */
import { DawgError } from './errors.js';

/** The magic `\0asm` and the version: where the first section starts. */
export const wasmHeaderBytes = 8;

export interface WasmSection {
  readonly id: number;
  /** Offset of the section's id byte. */
  readonly start: number;
  /** Offset of the section's content, after its size. */
  readonly bodyStart: number;
  /** Offset just past the section. */
  readonly end: number;
}

/** The sections after the header, in order. The caller checks the header first. */
export function* readWasmSections(bytes: Uint8Array): Generator<WasmSection> {
  let offset = wasmHeaderBytes;
  while (offset < bytes.length) {
    const size = readLeb128(bytes, offset + 1);
    const end = size.next + size.value;
    if (end > bytes.length) {
      throw malformed('is truncated: a section runs past the end of the file');
    }
    yield { id: bytes[offset]!, start: offset, bodyStart: size.next, end };
    offset = end;
  }
}

/** An unsigned LEB128 u32 at `start` (up to 5 bytes, padded or not), ending before `limit`. */
export function readLeb128(
  bytes: Uint8Array,
  start: number,
  limit: number = bytes.length,
): { readonly value: number; readonly next: number } {
  let value = 0;
  for (let index = 0; index < 5 && start + index < limit; index += 1) {
    const byte = bytes[start + index]!;
    value += (byte & 0x7f) * 2 ** (7 * index);
    if ((byte & 0x80) === 0) {
      return { value, next: start + index + 1 };
    }
  }
  throw malformed('is malformed: a LEB128 number runs past its limit');
}

/** The shortest unsigned LEB128 encoding of `value`. */
export function encodeLeb128(value: number): Uint8Array {
  const out: number[] = [];
  let rest = value;
  do {
    const byte = rest % 0x80;
    rest = Math.floor(rest / 0x80);
    out.push(rest === 0 ? byte : byte | 0x80);
  } while (rest !== 0);
  return Uint8Array.from(out);
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function malformed(message: string): DawgError {
  return new DawgError('GENERATOR_INVALID_MODULE', message);
}
