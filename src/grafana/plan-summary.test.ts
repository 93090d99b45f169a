import { describe, expect, it } from 'vitest';

import { planWithEveryAction } from '../../test/grafana/plan-fixture.js';
import { countPlan, describePlanCounts, hasPendingChanges, listFailures } from './plan-summary.js';
import type { Plan } from './plan.js';

describe('plan summaries', () => {
  const plan = planWithEveryAction({ prune: false });

  it('counts each action and the folders to create', () => {
    expect(countPlan(plan)).toEqual({
      create: 1,
      update: 1,
      unchanged: 1,
      drift: 1,
      conflict: 1,
      delete: 0,
      orphan: 1,
      failed: 1,
      folders: 1,
    });
  });

  it('describes the counts, leaving out zeros past the first three', () => {
    expect(describePlanCounts(countPlan(plan))).toBe('1 to create, 1 to update, 1 unchanged, '
      + '1 drifted, 1 in conflict, 1 failed, 1 without a manifest (kept), 1 folder to create');
  });

  it('lists conflicts, failed reads and drift under --drift fail as failures', () => {
    expect(listFailures(plan).map((failure) => [failure.uid, failure.error.code])).toEqual([
      ['shop_orders', 'GRAFANA_DRIFT'],
      ['legacy', 'GRAFANA_CONFLICT'],
      ['shop_broken', 'GRAFANA'],
    ]);
  });

  it('has no pending changes when everything is unchanged or kept', () => {
    const quiet: Plan = {
      ...plan,
      folders: [],
      items: plan.items.filter((item) => item.action === 'unchanged' || item.action === 'orphan'),
    };

    expect(hasPendingChanges(plan)).toBe(true);
    expect(hasPendingChanges(quiet)).toBe(false);
  });
});
