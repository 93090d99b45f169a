import { describe, expect, it } from 'vitest';

import { findDashboardProblems } from './dashboard-checks.js';

const datasource = { type: 'prometheus', uid: '${datasource}' };

function panel(id: number, x: number, y: number, w = 12): object {
  return {
    id,
    type: 'timeseries',
    datasource,
    gridPos: { x, y, w, h: 8 },
    targets: [{ refId: 'A', expr: 'up', datasource }],
  };
}

function dashboard(panels: object[]): string {
  return JSON.stringify({
    title: 'T',
    schemaVersion: 41,
    panels,
    templating: { list: [{ name: 'datasource', type: 'datasource', query: 'prometheus' }] },
  });
}

describe('findDashboardProblems', () => {
  it('finds nothing wrong in two panels side by side', () => {
    expect(findDashboardProblems(dashboard([panel(1, 0, 0), panel(2, 12, 0)]))).toEqual([]);
  });

  it('reports overlapping panels', () => {
    const problems = findDashboardProblems(dashboard([panel(1, 0, 0), panel(2, 6, 4)]));

    expect(problems).toEqual(['panels 1 and 2 overlap']);
  });

  it('reports a repeated id and a panel wider than the grid', () => {
    const problems = findDashboardProblems(dashboard([panel(1, 0, 0), panel(1, 20, 8)]));

    expect(problems).toEqual([
      'panel id 1 is missing or repeated',
      'panel 1 does not fit the 24-column grid',
    ]);
  });

  it('reports a missing datasource variable and a fixed datasource', () => {
    const fixed = { ...panel(1, 0, 0), datasource: { type: 'prometheus', uid: 'prom' } };
    const output = JSON.stringify({ title: 'T', schemaVersion: 41, panels: [fixed] });

    expect(findDashboardProblems(output)).toEqual([
      'panel 1 does not query through ${datasource}',
      'templating has no datasource variable',
    ]);
  });

  it('reports output that is not a JSON object', () => {
    expect(findDashboardProblems('[]')).toEqual(['output is not a JSON object']);
  });
});
