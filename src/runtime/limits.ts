import { wasmPageBytes } from './wasm-binary.js';

/** A generator that takes longer than this is hung: real ones finish in milliseconds. */
export const defaultTimeoutMs = 5_000;
/** 256 MiB: a hundred times what a large dashboard generator needs, far below the machine's. */
export const defaultMaxMemoryBytes = 256 * 1024 * 1024;
/** 16 MiB of output: dashboards of thousands of panels stay under 5 MiB. */
export const defaultMaxOutputBytes = 16 * 1024 * 1024;

export interface RunLimits {
  /** Cap on stdout plus stderr (command) or the returned buffer (reactor), in bytes. */
  readonly maxOutputBytes?: number;
  /** Memory cap, in bytes; used to tell an exhausted memory from another trap. */
  readonly maxMemoryBytes?: number;
}

export function memoryCapPages(maxMemoryBytes: number): number {
  return Math.max(1, Math.floor(maxMemoryBytes / wasmPageBytes));
}

/** `16 MiB`, `512 KiB` or `300 bytes`, for messages about caps. */
export function formatBytes(bytes: number): string {
  const units: ReadonlyArray<readonly [number, string]> = [[1024 * 1024, 'MiB'], [1024, 'KiB']];
  for (const [size, unit] of units) {
    if (bytes >= size) {
      const value = bytes / size;
      return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
    }
  }
  return `${bytes} bytes`;
}
