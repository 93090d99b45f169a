import { describe, expect, it } from 'vitest';

import { slugifyTitle } from './slug.js';

describe('slugifyTitle', () => {
  it('lower-cases, turns spaces into dashes and hex-encodes other symbols', () => {
    expect(slugifyTitle('CPU / Memory')).toBe('cpu-2f-memory');
    expect(slugifyTitle('Hello *# playground')).toBe('hello-2a23-playground');
    expect(slugifyTitle('a  b')).toBe('a--b');
  });

  it('drops punctuation Grafana omits and spells out & and @', () => {
    expect(slugifyTitle('Hello, playground')).toBe('hello-playground');
    expect(slugifyTitle('(Latency) p99.9?')).toBe('latency-p999');
    expect(slugifyTitle('R&D @ HQ')).toBe('randd-at-hq');
  });

  it('strips accents from Latin letters', () => {
    expect(slugifyTitle('Cộng hòa')).toBe('cong-hoa');
    expect(slugifyTitle('Größe')).toBe('grosse');
    expect(slugifyTitle('Über')).toBe('ueber');
  });

  it('falls back to a name-based UUID for an empty or over-long slug', () => {
    expect(slugifyTitle('')).toBe('0a68eb57-c88a-5f34-9e9d-27f85e68af4f');
    expect(slugifyTitle('x'.repeat(51))).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-/);
    expect(slugifyTitle('x'.repeat(50))).toBe('x'.repeat(50));
  });
});
