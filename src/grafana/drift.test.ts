import { describe, expect, it } from 'vitest';

import { compareOwned } from './drift.js';
import type { OwnershipMarker } from './ownership.js';

const marker = (hash: string, dashboard = 'shop/checkout'): OwnershipMarker => ({
  tool: 'dawg',
  source: 'acme',
  dashboard,
  hash,
});

describe('compareOwned', () => {
  it('is in sync when live, last applied and rendered agree', () => {
    const result = compareOwned({
      marker: marker('A'),
      liveHash: 'A',
      desiredHash: 'A',
      desiredMarker: marker('A'),
    });

    expect(result).toEqual({ state: 'in-sync' });
  });

  it('is an ordinary update when only the rendered side moved', () => {
    const result = compareOwned({
      marker: marker('A'),
      liveHash: 'A',
      desiredHash: 'B',
      desiredMarker: marker('B'),
    });

    expect(result).toEqual({ state: 'source-changed' });
  });

  it('is drift without a source change when only Grafana moved', () => {
    const result = compareOwned({
      marker: marker('A'),
      liveHash: 'X',
      desiredHash: 'A',
      desiredMarker: marker('A'),
    });

    expect(result).toEqual({ state: 'drifted', sourceChanged: false });
  });

  it('is drift with a source change when both sides moved', () => {
    const result = compareOwned({
      marker: marker('A'),
      liveHash: 'X',
      desiredHash: 'B',
      desiredMarker: marker('B'),
    });

    expect(result).toEqual({ state: 'drifted', sourceChanged: true });
  });

  it('is drift of unknown origin when a UI save dropped the marker and content differs', () => {
    const result = compareOwned({
      marker: undefined,
      liveHash: 'X',
      desiredHash: 'B',
      desiredMarker: marker('B'),
    });

    expect(result).toEqual({ state: 'drifted', sourceChanged: undefined });
  });

  it('only rewrites the marker when content matches but the marker is stale or lost', () => {
    const renamed = compareOwned({
      marker: marker('B', 'shop/old-name'),
      liveHash: 'B',
      desiredHash: 'B',
      desiredMarker: marker('B'),
    });
    const lost = compareOwned({
      marker: undefined,
      liveHash: 'B',
      desiredHash: 'B',
      desiredMarker: marker('B'),
    });

    expect(renamed).toEqual({ state: 'marker-outdated' });
    expect(lost).toEqual({ state: 'marker-outdated' });
  });

  it('ignores the commit and file recorded in the marker', () => {
    const result = compareOwned({
      marker: { ...marker('A'), commit: 'old', file: 'a.yaml' },
      liveHash: 'A',
      desiredHash: 'A',
      desiredMarker: { ...marker('A'), commit: 'new', file: 'b.yaml' },
    });

    expect(result).toEqual({ state: 'in-sync' });
  });
});
