import { describe, expect, it } from 'vitest';

import { diffJsonDocuments } from './json-diff.js';

describe('diffJsonDocuments', () => {
  it('heads each hunk with the JSON path it changes', () => {
    const before = { title: 'A', panels: [{ title: 'Requests', type: 'timeseries' }] };
    const after = { title: 'A', panels: [{ title: 'Requests per second', type: 'timeseries' }] };

    const diff = diffJsonDocuments(before, after, { context: 1 });

    expect(diff).toEqual({
      status: 'diffed',
      hunks: [{
        path: 'panels[0].title',
        oldStart: 3,
        newStart: 3,
        lines: [
          '     {',
          '-      "title": "Requests",',
          '+      "title": "Requests per second",',
          '       "type": "timeseries"',
        ],
      }],
    });
  });

  it('uses the shared parent when a hunk changes several fields', () => {
    const before = { panels: [{ a: 1, b: 2 }] };
    const after = { panels: [{ a: 10, b: 20 }] };

    const diff = diffJsonDocuments(before, after);

    expect(diff.status === 'diffed' && diff.hunks.map((hunk) => hunk.path)).toEqual(['panels[0]']);
  });

  it('gives no hunks for equal documents in another key order', () => {
    expect(diffJsonDocuments({ a: 1, b: 2 }, { b: 2, a: 1 })).toEqual({
      status: 'diffed',
      hunks: [],
    });
  });

  it('gives up on documents too different to diff in time', () => {
    const big = (offset: number) =>
      Array.from({ length: 20_000 }, (_, index) => ({ value: index * 7 + offset }));

    expect(diffJsonDocuments(big(0), big(1), { timeoutMs: 1 })).toEqual({ status: 'too-large' });
  });
});
