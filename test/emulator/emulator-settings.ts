/** The switches that make the emulator behave like one Grafana version or another. */
import { setTimeout as sleep } from 'node:timers/promises';

/** Options of `startGrafanaEmulator`; every field is optional. */
export interface GrafanaEmulatorOptions {
  /** Reported by `/api/health`. Default `12.1.0`. */
  readonly version?: string;
  /**
   * `k8s` (Grafana 12): the version only increases when the stored dashboard (without id, uid
   * and version) or its folder changes. `legacy` (up to 11): every save adds one and a
   * history row. Default `k8s`.
   */
  readonly versioning?: 'k8s' | 'legacy';
  /** Pre-11.3 rule: titles are unique per folder (412 `name-exists`). Default false. */
  readonly uniqueTitles?: boolean;
  /** Status for a folder created with a uid that exists: 409 (legacy) or 412. Default 409. */
  readonly folderDuplicateStatus?: 409 | 412;
  /** Saved `refresh` values shorter than this are raised to it. Default `5s`. */
  readonly minRefreshInterval?: string;
  /** Search leaves out dashboards and folders saved within this many ms. Default 0. */
  readonly searchDelayMs?: number;
  /** Added before every response, in ms. Default 0. */
  readonly latencyMs?: number;
  /**
   * Deepest folder nesting, counting the folder itself (a root folder is at depth 1).
   * Default 8, the documented maximum; recent Grafana builds default to 4.
   */
  readonly maxFolderDepth?: number;
  /** Dashboards an org may hold; a new one beyond it gets 403 "Quota reached". Default none. */
  readonly dashboardQuota?: number;
  /** Largest dashboard JSON accepted, in bytes; beyond it 413. Default none. */
  readonly maxDashboardBytes?: number;
  /**
   * Grafana 13.2 rule on `/apis`: a write that changes `grafana.app/managedBy` or
   * `grafana.app/managerId` of a managed dashboard gets 403. Default true.
   */
  readonly forbidManagerChange?: boolean;
  /** The clock, in epoch ms, for timestamps and the search delay. Default `Date.now`. */
  readonly now?: () => number;
  /** Waits the latency before a response; tests may replace it. Default a real timer. */
  readonly delay?: (ms: number) => Promise<void>;
}

/** The options with their defaults filled in. */
export interface EmulatorSettings {
  readonly version: string;
  readonly versioning: 'k8s' | 'legacy';
  readonly uniqueTitles: boolean;
  readonly folderDuplicateStatus: 409 | 412;
  readonly minRefreshInterval: string;
  readonly searchDelayMs: number;
  readonly maxFolderDepth: number;
  readonly dashboardQuota: number | undefined;
  readonly maxDashboardBytes: number | undefined;
  readonly forbidManagerChange: boolean;
  readonly now: () => number;
  readonly delay: (ms: number) => Promise<void>;
}

/** Fills in the defaults documented on `GrafanaEmulatorOptions`. */
export function resolveSettings(options: GrafanaEmulatorOptions): EmulatorSettings {
  return {
    version: options.version ?? '12.1.0',
    versioning: options.versioning ?? 'k8s',
    uniqueTitles: options.uniqueTitles ?? false,
    folderDuplicateStatus: options.folderDuplicateStatus ?? 409,
    minRefreshInterval: options.minRefreshInterval ?? '5s',
    searchDelayMs: options.searchDelayMs ?? 0,
    maxFolderDepth: options.maxFolderDepth ?? 8,
    dashboardQuota: options.dashboardQuota,
    maxDashboardBytes: options.maxDashboardBytes,
    forbidManagerChange: options.forbidManagerChange ?? true,
    now: options.now ?? Date.now,
    delay: options.delay ?? waitMs,
  };
}

async function waitMs(ms: number): Promise<void> {
  if (ms > 0) {
    await sleep(ms);
  }
}
