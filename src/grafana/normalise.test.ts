import { describe, expect, it } from 'vitest';

import { canonicalJson, hashJson } from './canonical-json.js';
import { normaliseDashboard } from './normalise.js';

describe('normaliseDashboard', () => {
  it('drops the keys the server owns and the DAWG marker', () => {
    const normalised = normaliseDashboard({
      id: 42,
      version: 7,
      uid: 'abc',
      title: 'T',
      __dawg: { tool: 'dawg' },
    });

    expect(normalised).toEqual({ uid: 'abc', title: 'T' });
  });

  it('trims title and uid as a save does', () => {
    expect(normaliseDashboard({ title: '  Shop  ', uid: ' shop ' })).toEqual({
      title: 'Shop',
      uid: 'shop',
    });
  });

  it('raises a refresh below the minimum to the minimum', () => {
    expect(normaliseDashboard({ refresh: '1s' })).toEqual({ refresh: '5s' });
    expect(normaliseDashboard({ refresh: '1m' }, { minRefreshInterval: '2m' })).toEqual({
      refresh: '2m',
    });
  });

  it('keeps a refresh at or above the minimum, and values that are not intervals', () => {
    expect(normaliseDashboard({ refresh: '10s' })).toEqual({ refresh: '10s' });
    expect(normaliseDashboard({ refresh: 'auto' })).toEqual({ refresh: 'auto' });
    expect(normaliseDashboard({ refresh: false })).toEqual({ refresh: false });
  });

  it('sorts tags', () => {
    expect(normaliseDashboard({ tags: ['b', 'a', 'C'] })).toEqual({ tags: ['C', 'a', 'b'] });
  });

  it('cuts library panel references to uid and name, also inside rows', () => {
    const normalised = normaliseDashboard({
      panels: [
        { libraryPanel: { uid: 'l1', name: 'Errors', model: { big: true }, version: 3 } },
        { type: 'row', panels: [{ libraryPanel: { uid: 'l2', name: 'Latency', meta: {} } }] },
      ],
    });

    expect(normalised['panels']).toEqual([
      { libraryPanel: { uid: 'l1', name: 'Errors' } },
      { type: 'row', panels: [{ libraryPanel: { uid: 'l2', name: 'Latency' } }] },
    ]);
  });

  it('keeps every other field, so that any other difference is a change', () => {
    const model = { title: 'T', iteration: 1700000000, panels: [{ id: 1, pluginVersion: '11' }] };

    expect(normaliseDashboard(model)).toEqual(model);
  });
});

describe('canonicalJson', () => {
  it('gives the same text and hash whatever the key order', () => {
    const a = { b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } };
    const b = { a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 };

    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(hashJson(a)).toBe(hashJson(b));
  });

  it('keeps array order significant', () => {
    expect(hashJson([1, 2])).not.toBe(hashJson([2, 1]));
  });
});
