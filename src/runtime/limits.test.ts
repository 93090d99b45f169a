import { describe, expect, it } from 'vitest';

import { checkLimit, formatBytes, memoryCapPages } from './limits.js';

describe('memoryCapPages', () => {
  it('rounds a cap down to whole 64 KiB pages', () => {
    expect(memoryCapPages(256 * 1024 * 1024)).toBe(4096);
    expect(memoryCapPages(100_000)).toBe(1);
  });

  it('keeps at least one page and at most the 4 GiB wasm32 can address', () => {
    expect(memoryCapPages(10)).toBe(1);
    expect(memoryCapPages(64 * 1024 ** 3)).toBe(65_536);
  });
});

describe('formatBytes', () => {
  it.each([
    [300, '300 bytes'],
    [512 * 1024, '512 KiB'],
    [16 * 1024 * 1024, '16 MiB'],
    [1.5 * 1024 * 1024, '1.5 MiB'],
    [4 * 1024 ** 3, '4 GiB'],
  ])('writes %d bytes as %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('checkLimit', () => {
  it('accepts a positive number or nothing', () => {
    expect(() => checkLimit('timeoutMs', 1)).not.toThrow();
    expect(() => checkLimit('timeoutMs', undefined)).not.toThrow();
  });

  const invalid = [0, -1, Number.NaN, Number.POSITIVE_INFINITY];

  it.each(invalid)('refuses %d, naming the option', (value) => {
    expect(() => checkLimit('maxOutputBytes', value)).toThrow(expect.objectContaining({
      code: 'USAGE',
      message: expect.stringContaining('maxOutputBytes'),
    }));
  });
});
