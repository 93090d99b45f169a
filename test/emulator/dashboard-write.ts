/**
 * Storing a dashboard once every check has passed, in either versioning mode (research note
 * §2.4): `legacy` adds one to the version and a history row on every save; `k8s` does so only
 * when the stored JSON (without id, uid and version) or the folder changed.
 */
import { randomUUID } from 'node:crypto';

import { copyJson, isSameJson, type JsonObject } from './json-value.js';
import type { EmulatorStore, OrgData, StoredDashboard } from './store.js';

/** One save, as every path (legacy POST, restore, k8s API, seeding) describes it. */
export interface DashboardWrite {
  readonly org: OrgData;
  /** The dashboard being replaced, if any. */
  readonly existing: StoredDashboard | undefined;
  /** The uid to store under; differs from `existing.uid` when a save by id renames. */
  readonly uid: string;
  /** The dashboard JSON without id, uid and version. */
  readonly spec: JsonObject;
  readonly folderUid: string;
  readonly message: string;
  readonly author: string;
  readonly versioning: 'k8s' | 'legacy';
  /** When search may show the save, epoch ms. */
  readonly searchableFromMs: number;
  /** Default 0. */
  readonly restoredFrom?: number;
  /** Replace the k8s annotations (manager, source); default keep them. */
  readonly annotations?: Record<string, string>;
  /** Replace the k8s labels; default keep them. */
  readonly labels?: Record<string, string>;
  /** Default: keep the existing flag, false for a new dashboard. */
  readonly provisioned?: boolean;
  /** Default: keep the existing owner, none for a new dashboard. */
  readonly pluginId?: string;
}

/** The result of a write: the stored dashboard and whether anything changed. */
export interface WriteResult {
  readonly dashboard: StoredDashboard;
  readonly changed: boolean;
}

/** The server-owned fields of a posted dashboard, apart from the JSON that is stored. */
export interface DashboardIdentity {
  readonly id: unknown;
  readonly uid: unknown;
  readonly version: unknown;
  /** Everything else, the JSON Grafana stores. */
  readonly spec: JsonObject;
}

/** Splits id, uid and version off a dashboard; Grafana stores the rest and re-adds them. */
export function splitDashboardIdentity(dashboard: JsonObject): DashboardIdentity {
  const { id, uid, version, ...spec } = dashboard;
  return { id, uid, version, spec };
}

/** Stores the dashboard and returns it; the caller has checked every rule. */
export function writeDashboard(store: EmulatorStore, write: DashboardWrite): WriteResult {
  const existing = write.existing;
  if (existing === undefined) {
    return { dashboard: createDashboard(store, write), changed: true };
  }
  if (write.versioning === 'k8s' && isUnchanged(existing, write)) {
    // An identical k8s update is a no-op; only a metadata change is stored, without a version.
    const dashboard = hasNewMetadata(existing, write)
      ? updateMetadata(store, existing, write)
      : existing;
    return { dashboard, changed: false };
  }

  return { dashboard: updateDashboard(store, existing, write), changed: true };
}

function isUnchanged(existing: StoredDashboard, write: DashboardWrite): boolean {
  return existing.uid === write.uid
    && existing.folderUid === write.folderUid
    && isSameJson(existing.spec, write.spec);
}

function hasNewMetadata(existing: StoredDashboard, write: DashboardWrite): boolean {
  return (write.annotations !== undefined && !isSameJson(write.annotations, existing.annotations))
    || (write.labels !== undefined && !isSameJson(write.labels, existing.labels))
    || (write.provisioned !== undefined && write.provisioned !== existing.provisioned)
    || (write.pluginId !== undefined && write.pluginId !== existing.pluginId);
}

function createDashboard(store: EmulatorStore, write: DashboardWrite): StoredDashboard {
  const now = store.timestamp();
  const dashboard: StoredDashboard = {
    id: store.nextId(),
    uid: write.uid,
    spec: copyJson(write.spec),
    folderUid: write.folderUid,
    version: 1,
    created: now,
    updated: now,
    createdBy: write.author,
    updatedBy: write.author,
    searchableFromMs: write.searchableFromMs,
    provisioned: write.provisioned ?? false,
    pluginId: write.pluginId,
    annotations: { ...write.annotations },
    labels: { ...write.labels },
    objectUid: randomUUID(),
    creationTimestamp: now,
    resourceVersion: store.nextResourceVersion(),
    history: [],
  };

  addHistoryRow(store, dashboard, write);
  write.org.dashboards.set(dashboard.uid, dashboard);
  return dashboard;
}

function updateDashboard(
  store: EmulatorStore,
  dashboard: StoredDashboard,
  write: DashboardWrite,
): StoredDashboard {
  write.org.dashboards.delete(dashboard.uid);
  dashboard.uid = write.uid;
  dashboard.spec = copyJson(write.spec);
  dashboard.folderUid = write.folderUid;
  dashboard.version += 1;
  dashboard.searchableFromMs = write.searchableFromMs;
  updateMetadata(store, dashboard, write);

  addHistoryRow(store, dashboard, write);
  write.org.dashboards.set(dashboard.uid, dashboard);
  return dashboard;
}

/** Fields that change on every accepted write, even one that leaves the JSON alone. */
function updateMetadata(
  store: EmulatorStore,
  dashboard: StoredDashboard,
  write: DashboardWrite,
): StoredDashboard {
  dashboard.updated = store.timestamp();
  dashboard.updatedBy = write.author;
  dashboard.annotations = { ...(write.annotations ?? dashboard.annotations) };
  dashboard.labels = { ...(write.labels ?? dashboard.labels) };
  dashboard.provisioned = write.provisioned ?? dashboard.provisioned;
  dashboard.pluginId = write.pluginId ?? dashboard.pluginId;
  dashboard.resourceVersion = store.nextResourceVersion();

  return dashboard;
}

function addHistoryRow(
  store: EmulatorStore,
  dashboard: StoredDashboard,
  write: DashboardWrite,
): void {
  const previous = dashboard.history.at(-1);

  dashboard.history.push({
    id: store.nextId(),
    version: dashboard.version,
    parentVersion: previous?.version ?? 0,
    restoredFrom: write.restoredFrom ?? 0,
    created: dashboard.updated,
    createdBy: write.author,
    message: write.message,
    spec: copyJson(dashboard.spec),
    folderUid: dashboard.folderUid,
  });
}
