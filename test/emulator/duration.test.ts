import { describe, expect, it } from 'vitest';

import { parseDurationMs } from './duration.js';

describe('parseDurationMs', () => {
  it('reads Go durations and single calendar units', () => {
    expect(parseDurationMs('5s')).toBe(5_000);
    expect(parseDurationMs('1h30m')).toBe(5_400_000);
    expect(parseDurationMs('250ms')).toBe(250);
    expect(parseDurationMs('1d')).toBe(86_400_000);
    expect(parseDurationMs('0')).toBe(0);
  });

  it('returns undefined for text that is not a duration', () => {
    expect(parseDurationMs('fast')).toBeUndefined();
    expect(parseDurationMs('1d2h')).toBeUndefined();
    expect(parseDurationMs('5')).toBeUndefined();
  });
});
