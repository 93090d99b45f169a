import { describe, expect, it } from 'vitest';

import { DawgError } from '../errors.js';
import type { ApplyResult, ItemOutcome } from '../grafana/apply.js';
import { planWithEveryAction } from '../../test/grafana/plan-fixture.js';
import { reportJson } from './json-report.js';
import { reportMarkdown } from './markdown-report.js';
import type { RunReport } from './run-report.js';
import { reportText } from './text-report.js';

/** Golden files: refresh with `npx vitest run src/report -u`, then review them like code. */
const golden = (name: string) => `../../test/grafana/golden/${name}`;

const renderFailure = {
  file: 'dashboards/bad.yaml',
  dashboard: 'shop/bad',
  error: new DawgError('RUN_TRAP', 'generator trapped: unreachable', {
    location: { file: 'dashboards/bad.yaml', line: 5, column: 3, field: 'spec.generator' },
  }),
};

function planReport(): RunReport {
  return {
    mode: 'diff',
    grafanaUrl: 'http://127.0.0.1:3000',
    plan: planWithEveryAction({ prune: false }),
    renderFailures: [renderFailure],
  };
}

function applyReport(): RunReport {
  const plan = planWithEveryAction({ prune: true });
  const outcomes = plan.items.map((item): ItemOutcome => {
    switch (item.action) {
      case 'create':
        return { status: 'applied', item, version: 1 };
      case 'update':
        return {
          status: 'failed',
          item,
          error: new DawgError('GRAFANA_CONFLICT', 'uid shop_cart changed in Grafana after the '
            + 'plan was made; not saved', { hint: 'run diff again, then apply' }),
        };
      case 'delete':
        return { status: 'applied', item, version: undefined };
      case 'unchanged':
        return { status: 'unchanged', item };
      case 'drift':
      case 'conflict':
      case 'failed':
        return { status: 'failed', item, error: item.error };
      case 'orphan':
        return { status: 'skipped', item };
    }
  });
  const apply: ApplyResult = {
    folders: plan.folders.map((folder) => ({ status: 'created', folder })),
    outcomes,
    durationMs: 1234,
  };
  return { mode: 'apply', grafanaUrl: 'http://127.0.0.1:3000', plan, apply, renderFailures: [] };
}

describe('reportText', () => {
  it('shows each change with a JSON-path diff and a new dashboard as one line', async () => {
    await expect(reportText(planReport())).toMatchFileSnapshot(golden('plan.txt'));
  });

  it('shows what an apply did and lists every failure', async () => {
    await expect(reportText(applyReport())).toMatchFileSnapshot(golden('apply.txt'));
  });

  it('colours only when asked', () => {
    expect(reportText(planReport())).not.toContain('\u001b[');
    expect(reportText(planReport(), { color: true })).toContain('\u001b[');
  });

  it('cuts a long diff and says how much was left out', () => {
    const text = reportText(planReport(), { maxDiffLines: 2 });

    expect(text).toMatch(/… \d+ more diff lines/);
  });
});

describe('reportMarkdown', () => {
  it('gives counts, failures and one collapsible section per changed dashboard', async () => {
    await expect(reportMarkdown(planReport())).toMatchFileSnapshot(golden('plan.md'));
  });

  it('shows what an apply did', async () => {
    await expect(reportMarkdown(applyReport())).toMatchFileSnapshot(golden('apply.md'));
  });

  it('stays within its length budget by dropping details, and says so', () => {
    const markdown = reportMarkdown(planReport(), { maxLength: 1500 });

    expect(markdown.length).toBeLessThanOrEqual(1500);
    expect(markdown).toContain('The report reached its length limit');
  });
});

describe('reportJson', () => {
  it('gives the machine-readable plan', async () => {
    const json = `${JSON.stringify(reportJson(planReport()), null, 2)}\n`;

    await expect(json).toMatchFileSnapshot(golden('plan.json'));
  });

  it('records each apply outcome', () => {
    const json = reportJson(applyReport());

    expect(json.dashboards.map((item) => [item.action, item.outcome?.status])).toEqual([
      ['create', 'applied'],
      ['update', 'failed'],
      ['unchanged', 'unchanged'],
      ['drift', 'failed'],
      ['conflict', 'failed'],
      ['failed', 'failed'],
      ['delete', 'applied'],
    ]);
  });
});
