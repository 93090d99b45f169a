import { silentLogger, type Logger } from '../log.js';
import type { RenderedDashboard } from '../render/rendered-dashboard.js';
import { checkGrafana, type GrafanaInfo } from './check-grafana.js';
import type { GrafanaClient } from './client.js';
import { parseFolderReference } from './folder-reference.js';
import { planChanges, type Plan, type PlanOptions } from './plan.js';
import { countPlan, describePlanCounts } from './plan-summary.js';
import { readLiveState } from './read-live.js';

/** Options of `planAgainstGrafana`: the plan options and how to read Grafana. */
export interface PlanAgainstGrafanaOptions extends PlanOptions {
  /** Look for owned dashboards no manifest renders. Only for whole-project runs. */
  readonly listOrphans: boolean;
  /** Reads in flight at once. Default 8. */
  readonly concurrency?: number;
  readonly logger?: Logger;
  readonly signal?: AbortSignal;
}

/** The plan, and what DAWG learnt about the Grafana it was made against. */
export interface GrafanaPlan {
  readonly plan: Plan;
  readonly grafana: GrafanaInfo;
}

/**
 * Checks Grafana (health, version, credentials), reads the live state the rendered dashboards
 * need, and plans. Reads only. Throws when Grafana cannot be used at all; anything that
 * concerns one dashboard becomes that dashboard's plan item.
 */
export async function planAgainstGrafana(
  rendered: readonly RenderedDashboard[],
  client: GrafanaClient,
  options: PlanAgainstGrafanaOptions,
): Promise<GrafanaPlan> {
  const started = performance.now();
  const logger = options.logger ?? silentLogger;
  const folders = rendered.map((dashboard) => dashboard.manifest.folder);
  const needsNestedFolders = folders.some((folder) =>
    parseFolderReference(folder).kind === 'path');

  const grafana = await checkGrafana(client, {
    needsNestedFolders,
    logger,
    signal: options.signal,
  });
  const live = await readLiveState(client, {
    ...options,
    uids: rendered.map((dashboard) => dashboard.uid),
    folders,
  });
  const plan = planChanges(rendered, live, options);

  logger.info(describePlan(plan, performance.now() - started), { grafana: client.url });
  return { plan, grafana };
}

function describePlan(plan: Plan, durationMs: number): string {
  const seconds = (durationMs / 1000).toFixed(1);
  const noun = plan.items.length === 1 ? 'dashboard' : 'dashboards';
  return `planned ${plan.items.length} ${noun} in ${seconds} s: `
    + describePlanCounts(countPlan(plan));
}
