import { describe, expect, it } from 'vitest';

import { diffJson, maxChangesPerDashboard } from './json-changes.js';

describe('diffJson', () => {
  it('finds nothing between equal documents in another key order', () => {
    expect(diffJson({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toEqual([]);
  });

  it('points at the deepest changed value', () => {
    const before = { panels: [{ title: 'A', targets: [{ expr: 'up' }] }] };
    const after = { panels: [{ title: 'A', targets: [{ expr: 'up == 1' }] }] };

    expect(diffJson(before, after)).toEqual([
      { path: ['panels', 0, 'targets', 0, 'expr'], kind: 'changed' },
    ]);
  });

  it('reports added and removed keys and array items', () => {
    const changes = diffJson({ a: 1, list: [1, 2] }, { b: 2, list: [1] });

    expect(changes).toEqual([
      { path: ['a'], kind: 'removed' },
      { path: ['b'], kind: 'added' },
      { path: ['list', 1], kind: 'removed' },
    ]);
  });

  it('reports a type change as a change of the value', () => {
    expect(diffJson({ a: [1] }, { a: { 0: 1 } })).toEqual([{ path: ['a'], kind: 'changed' }]);
  });

  it('stops at the cap', () => {
    const before = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i]));

    expect(diffJson(before, {})).toHaveLength(maxChangesPerDashboard);
  });
});
