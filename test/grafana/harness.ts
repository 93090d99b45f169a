import { applyPlan, type ApplyOptions, type ApplyResult } from '../../src/grafana/apply.js';
import { createGrafanaClient, type GrafanaClient } from '../../src/grafana/client.js';
import {
  planAgainstGrafana,
  type PlanAgainstGrafanaOptions,
} from '../../src/grafana/plan-against-grafana.js';
import type { Plan } from '../../src/grafana/plan.js';
import type { RenderedDashboard } from '../../src/render/rendered-dashboard.js';
import { startGrafanaEmulator, type GrafanaEmulator } from '../emulator/grafana-emulator.js';

export const source = 'github.com/acme/dashboards';

export interface Harness {
  readonly emulator: GrafanaEmulator;
  readonly client: GrafanaClient;
  /** Plans `rendered` against the emulator, reading only. */
  plan(
    rendered: readonly RenderedDashboard[],
    options?: Partial<PlanAgainstGrafanaOptions>,
  ): Promise<Plan>;
  /** Plans, then applies. */
  apply(
    rendered: readonly RenderedDashboard[],
    options?: Partial<PlanAgainstGrafanaOptions> & ApplyOptions,
  ): Promise<{ plan: Plan; result: ApplyResult }>;
  close(): Promise<void>;
}

type EmulatorOptions = Parameters<typeof startGrafanaEmulator>[0];

/** Retries in tests wait for nothing: the delays are checked in retry.test.ts. */
const noWait = async (): Promise<void> => undefined;

/** Starts an emulator and a client with an Editor token of org 1. */
export async function startHarness(
  options: { readonly emulator?: EmulatorOptions; readonly readOnly?: boolean } = {},
): Promise<Harness> {
  const emulator = await startGrafanaEmulator(options.emulator);
  const token = emulator.createToken({ orgId: 1, role: 'Editor' });
  const client = createGrafanaClient({
    url: emulator.url,
    credentials: { kind: 'token', token },
    retry: { sleep: noWait },
    readOnly: options.readOnly,
  });

  const plan: Harness['plan'] = async (rendered, planOptions = {}) => {
    const planned = await planAgainstGrafana(rendered, client, {
      source,
      listOrphans: true,
      ...planOptions,
    });
    return planned.plan;
  };

  return {
    emulator,
    client,
    plan,
    async apply(rendered, applyOptions = {}) {
      const planned = await plan(rendered, applyOptions);
      const result = await applyPlan(planned, client, applyOptions);
      return { plan: planned, result };
    },
    async close() {
      await client.close();
      await emulator.close();
    },
  };
}

/** The method and path of every write the emulator received, in order. */
export function writeLog(emulator: GrafanaEmulator): string[] {
  return emulator.writes().map((request) => `${request.method} ${request.path}`);
}
