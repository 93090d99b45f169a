import { describe, expect, it } from 'vitest';

import { isAtLeast, parseGrafanaVersion } from './grafana-version.js';

describe('parseGrafanaVersion', () => {
  it.each([
    ['12.0.1', { major: 12, minor: 0, patch: 1 }],
    ['11.3.0-75420pre', { major: 11, minor: 3, patch: 0 }],
    ['10.4', { major: 10, minor: 4, patch: 0 }],
    ['v9.5.2+security-01', { major: 9, minor: 5, patch: 2 }],
  ])('reads %s', (text, expected) => {
    expect(parseGrafanaVersion(text)).toEqual(expected);
  });

  it('gives undefined for a hidden or unreadable version', () => {
    expect(parseGrafanaVersion(undefined)).toBeUndefined();
    expect(parseGrafanaVersion('dev')).toBeUndefined();
  });
});

describe('isAtLeast', () => {
  const v = (text: string) => parseGrafanaVersion(text) ?? { major: 0, minor: 0, patch: 0 };

  it('compares major, then minor, then patch', () => {
    expect(isAtLeast(v('11.0.0'), v('9.0.0'))).toBe(true);
    expect(isAtLeast(v('9.0.0'), v('9.0.0'))).toBe(true);
    expect(isAtLeast(v('8.5.27'), v('9.0.0'))).toBe(false);
    expect(isAtLeast(v('10.10.0'), v('10.9.9'))).toBe(true);
    expect(isAtLeast(v('11.0.0'), v('11.0.1'))).toBe(false);
  });
});
