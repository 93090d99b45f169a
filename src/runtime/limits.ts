/**
 * The sandbox's limits and their defaults. Each can be changed through the options of
 * createSandboxPool and runGeneratorInline; docs/sandbox.md lists them for users.
 */
import { DawgError } from '../errors.js';

/** A generator that takes longer than this is hung: real ones finish in milliseconds. */
export const defaultTimeoutMs = 5_000;
/** 256 MiB: a hundred times what a large dashboard generator needs, far below the machine's. */
export const defaultMaxMemoryBytes = 256 * 1024 * 1024;
/** 16 MiB of output: dashboards of thousands of panels stay under 5 MiB. */
export const defaultMaxOutputBytes = 16 * 1024 * 1024;
/** 64 KiB of stderr kept for error messages: a whole stack trace, but not a flood. */
export const defaultMaxStderrBytes = 64 * 1024;

/** Bytes in one WebAssembly memory page. */
export const wasmPageBytes = 64 * 1024;
/** wasm32 addresses 4 GiB at most, so no cap can go higher. */
const maxWasmPages = 65_536;

/** The limits of one run. Every field is optional; missing ones take the defaults above. */
export interface RunLimits {
  /** Cap on stdout plus stderr (command) or the returned buffer (reactor), in bytes. */
  readonly maxOutputBytes?: number;
  /** Memory cap, in bytes; tells an exhausted memory from another trap. Default 256 MiB. */
  readonly maxMemoryBytes?: number;
  /** Stderr kept for error messages, in bytes; the rest is counted, not kept. Default 64 KiB. */
  readonly maxStderrBytes?: number;
}

/** The memory cap in whole pages, at least one and at most what wasm32 can address. */
export function memoryCapPages(maxMemoryBytes: number): number {
  return Math.min(maxWasmPages, Math.max(1, Math.floor(maxMemoryBytes / wasmPageBytes)));
}

/** @throws DawgError `USAGE` when a limit is not a positive number. */
export function checkLimit(name: string, value: number | undefined): void {
  if (value === undefined || (Number.isFinite(value) && value > 0)) {
    return;
  }
  throw new DawgError('USAGE', `sandbox option ${name} must be a positive number, not ${value}`);
}

/** `16 MiB`, `512 KiB` or `300 bytes`, for messages about caps. */
export function formatBytes(bytes: number): string {
  const units: ReadonlyArray<readonly [number, string]> = [
    [1024 ** 3, 'GiB'],
    [1024 ** 2, 'MiB'],
    [1024, 'KiB'],
  ];
  for (const [size, unit] of units) {
    if (bytes >= size) {
      const value = bytes / size;
      return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
    }
  }
  return `${bytes} bytes`;
}

/** `16 MiB` for 256 pages. */
export function formatPages(pages: number): string {
  return formatBytes(pages * wasmPageBytes);
}
