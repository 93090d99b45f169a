import { describe, expect, it } from 'vitest';

import { sortKeys } from '../grafana/canonical-json.js';
import { printJsonLines } from './json-lines.js';

describe('printJsonLines', () => {
  it('prints what JSON.stringify prints for a key-sorted copy', () => {
    const value = { b: [1, { d: null, c: 'x' }, []], a: {}, e: true };

    const { lines } = printJsonLines(value);

    expect(lines.join('\n')).toBe(JSON.stringify(sortKeys(value), null, 2));
  });

  it('remembers the path of the value on each line', () => {
    const { lines, paths } = printJsonLines({ panels: [{ title: 'A' }] });

    expect(lines.map((line, index) => [line.trim(), paths[index]])).toEqual([
      ['{', []],
      ['"panels": [', ['panels']],
      ['{', ['panels', 0]],
      ['"title": "A"', ['panels', 0, 'title']],
      ['}', ['panels', 0]],
      [']', ['panels']],
      ['}', []],
    ]);
  });
});
