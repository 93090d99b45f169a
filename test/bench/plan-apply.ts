/**
 * Plan/apply benchmark: N dashboards (default 1000) spread over 10 folders, planned and applied
 * against the Grafana emulator, which adds a fixed latency to every response. Each phase runs
 * at DAWG's concurrency and, on a fresh emulator in the same run, one request at a time as a
 * baseline. Prints time and request counts per phase; asserts nothing.
 *
 *   npx tsx test/bench/plan-apply.ts [--count 1000] [--latency-ms 5] [--concurrency 8]
 */
import { parseArgs } from 'node:util';

import { applyPlan } from '../../src/grafana/apply.js';
import { createGrafanaClient, type GrafanaClient } from '../../src/grafana/client.js';
import { planAgainstGrafana } from '../../src/grafana/plan-against-grafana.js';
import { countPlan, describePlanCounts } from '../../src/grafana/plan-summary.js';
import type { RenderedDashboard } from '../../src/render/rendered-dashboard.js';
import { startGrafanaEmulator, type GrafanaEmulator } from '../emulator/grafana-emulator.js';
import { renderedDashboard } from '../grafana/rendered-fixture.js';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '1000' },
    'latency-ms': { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '8' },
  },
});
const count = Number(values.count);
const latencyMs = Number(values['latency-ms']);
const concurrency = Number(values.concurrency);
const source = 'bench/plan-apply';
const folderCount = 10;

interface PhaseFigures {
  readonly name: string;
  readonly seconds: number;
  readonly requests: number;
  readonly writes: number;
  readonly summary: string;
}

const first = dashboards({ revision: 1 });
const changed = dashboards({ revision: 2 });

console.log(`dashboards: ${count} in ${folderCount} folders; emulator latency ${latencyMs} ms `
  + 'per response');
const scenarios = [
  [`concurrency ${concurrency}`, concurrency],
  ['baseline, 1 at a time', 1],
] as const;
for (const [label, limit] of scenarios) {
  const phases = await runScenario(limit);
  console.log(`\n${label}:`);
  for (const phase of phases) {
    console.log(`  ${phase.name.padEnd(22)} ${phase.seconds.toFixed(2).padStart(7)} s  `
      + `${String(phase.requests).padStart(5)} requests  ${String(phase.writes).padStart(5)} `
      + `writes  (${phase.summary})`);
  }
}

/** Every phase on a fresh emulator, with `limit` requests in flight at once. */
async function runScenario(limit: number): Promise<PhaseFigures[]> {
  const emulator = await startGrafanaEmulator({ latencyMs });
  const client = createGrafanaClient({
    url: emulator.url,
    credentials: { kind: 'token', token: emulator.createToken({ orgId: 1, role: 'Editor' }) },
  });

  try {
    const phases: PhaseFigures[] = [];
    for (const [name, rendered] of [
      ['first', first],
      ['no-op', first],
      ['10% changed', changed],
    ] as const) {
      phases.push(...await planAndApply(name, rendered, { emulator, client, limit }));
    }
    return phases;
  } finally {
    await client.close();
    await emulator.close();
  }
}

async function planAndApply(
  name: string,
  rendered: readonly RenderedDashboard[],
  context: { emulator: GrafanaEmulator; client: GrafanaClient; limit: number },
): Promise<PhaseFigures[]> {
  const { emulator, client, limit } = context;

  emulator.clearRequests();
  let started = performance.now();
  const { plan } = await planAgainstGrafana(rendered, client, {
    source,
    listOrphans: true,
    concurrency: limit,
  });
  const planned = measure(`${name}: plan`, started, emulator, describePlanCounts(countPlan(plan)));

  emulator.clearRequests();
  started = performance.now();
  const result = await applyPlan(plan, client, { concurrency: limit });
  const failed = result.outcomes.filter((outcome) => outcome.status === 'failed').length;
  const applied = measure(`${name}: apply`, started, emulator, `${failed} failed`);
  return [planned, applied];
}

function measure(
  name: string,
  started: number,
  emulator: GrafanaEmulator,
  summary: string,
): PhaseFigures {
  return {
    name,
    seconds: (performance.now() - started) / 1000,
    requests: emulator.requests.length,
    writes: emulator.writes().length,
    summary,
  };
}

/** N dashboards; with revision 2, every tenth one has a changed panel title. */
function dashboards(options: { readonly revision: number }): RenderedDashboard[] {
  return Array.from({ length: count }, (_, index) => {
    const isChanged = options.revision > 1 && index % 10 === 0;
    return renderedDashboard({
      name: `dashboard-${index}`,
      namespace: 'bench',
      folder: `Team ${index % folderCount}`,
      dashboard: {
        panels: Array.from({ length: 12 }, (_unused, panel) => ({
          id: panel + 1,
          type: 'timeseries',
          title: isChanged && panel === 0 ? `Panel ${panel} (v2)` : `Panel ${panel}`,
          gridPos: { x: (panel % 2) * 12, y: Math.floor(panel / 2) * 8, w: 12, h: 8 },
          targets: [{ refId: 'A', expr: `rate(http_requests_total{job="svc-${index}"}[5m])` }],
        })),
      },
    });
  });
}
