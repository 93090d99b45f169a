import { describe, expect, it } from 'vitest';

import { capModuleMemory } from './wasm-binary.js';

const header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
/** A custom section named "abc" whose size (4) is padded to five LEB128 bytes, as Go does. */
const paddedCustomSection = [0x00, 0x84, 0x80, 0x80, 0x80, 0x00, 0x03, 0x61, 0x62, 0x63];
/** Exports memory 0 as "memory". */
const exportSection = [0x07, 0x0a, 0x01, 0x06, 0x6d, 0x65, 0x6d, 0x6f, 0x72, 0x79, 0x02, 0x00];

function memorySection(limits: readonly number[]): number[] {
  return [0x05, limits.length + 1, 0x01, ...limits];
}

function moduleBytes(...sections: ReadonlyArray<readonly number[]>): Uint8Array {
  return Uint8Array.from([...header, ...sections.flat()]);
}

function instantiatedMemory(bytes: Uint8Array): WebAssembly.Memory {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes));
  return instance.exports['memory'] as WebAssembly.Memory;
}

describe('capModuleMemory', () => {
  it('gives a memory without a maximum the cap as its maximum', () => {
    const capped = capModuleMemory(moduleBytes(memorySection([0x00, 0x02]), exportSection), 4);

    expect(capped).toMatchObject({ initialPages: 2, maximumPages: 4 });
    const memory = instantiatedMemory(capped.bytes);
    expect(memory.grow(2)).toBe(2);
    expect(() => memory.grow(1)).toThrow(RangeError);
  });

  it('lowers a declared maximum above the cap to the cap', () => {
    const capped = capModuleMemory(moduleBytes(memorySection([0x01, 0x01, 0x80, 0x02])), 8);

    expect(capped).toMatchObject({ initialPages: 1, maximumPages: 8 });
    expect([...capped.bytes.subarray(8)]).toEqual(memorySection([0x01, 0x01, 0x08]));
  });

  it('keeps a declared maximum below the cap', () => {
    const capped = capModuleMemory(moduleBytes(memorySection([0x01, 0x01, 0x03])), 8);

    expect(capped.maximumPages).toBe(3);
  });

  it('copies other sections byte for byte, padded size fields included', () => {
    const bytes = moduleBytes(paddedCustomSection, memorySection([0x00, 0x01]), exportSection);

    const capped = capModuleMemory(bytes, 16);

    expect([...capped.bytes.subarray(8, 8 + paddedCustomSection.length)])
      .toEqual(paddedCustomSection);
    expect(instantiatedMemory(capped.bytes).buffer.byteLength).toBe(64 * 1024);
  });

  it('leaves a module without memory as it was', () => {
    const bytes = moduleBytes(paddedCustomSection);

    const capped = capModuleMemory(bytes, 16);

    expect(capped).toEqual({ bytes, initialPages: 0, maximumPages: 0 });
  });

  it('refuses a memory whose initial size is over the cap, with RUN_MEMORY', () => {
    const bytes = moduleBytes(memorySection([0x00, 0x11]));

    expect(() => capModuleMemory(bytes, 16)).toThrow(expect.objectContaining({
      code: 'RUN_MEMORY',
      message: 'needs 1.1 MiB of memory to start, over the 1 MiB cap',
    }));
  });

  it.each([
    ['a component', [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00], /component model/],
    ['a shell script', [0x23, 0x21, 0x2f, 0x62, 0x69, 0x6e], /not a WebAssembly module/],
    ['another binary version', [0x00, 0x61, 0x73, 0x6d, 0x02, 0x00, 0x00, 0x00], /version/],
    ['a truncated section', [...header, 0x01, 0x10, 0x00], /truncated/],
    ['an endless LEB128 size', [...header, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], /LEB128/],
    ['unknown limit flags', [...header, ...memorySection([0x08, 0x01])], /flags 0x8/],
    ['64-bit memory', [...header, ...memorySection([0x04, 0x01])], /64-bit memory/],
  ])('refuses %s with GENERATOR_INVALID_MODULE', (_name, bytes, message) => {
    expect(() => capModuleMemory(Uint8Array.from(bytes), 16)).toThrow(expect.objectContaining({
      code: 'GENERATOR_INVALID_MODULE',
      message: expect.stringMatching(message),
    }));
  });
});
