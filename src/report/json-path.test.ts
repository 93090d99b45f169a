import { describe, expect, it } from 'vitest';

import { formatJsonPath } from './json-path.js';

describe('formatJsonPath', () => {
  it('joins keys with dots and indexes with brackets', () => {
    expect(formatJsonPath(['panels', 2, 'targets', 0, 'expr'])).toBe('panels[2].targets[0].expr');
  });

  it('quotes keys that are not identifiers', () => {
    expect(formatJsonPath(['fieldConfig', 'my key', 'a-b'])).toBe('fieldConfig["my key"]["a-b"]');
  });

  it('names the root', () => {
    expect(formatJsonPath([])).toBe('(root)');
  });
});
