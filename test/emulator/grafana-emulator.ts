/**
 * An in-process Grafana HTTP API emulator for tests: dashboards, folders, search, version
 * history, health and auth of the legacy `/api`, plus the basics of
 * `/apis/dashboard.grafana.app/v1beta1`, with Grafana 12's status codes and bodies (research
 * note grafana-api.md, "Emulator requirements"; docs/emulator.md). It records every request,
 * never keeping a secret, and can inject faults and latency.
 *
 * ```ts
 * const grafana = await startGrafanaEmulator();
 * // ... point the client at grafana.url with grafana.adminToken ...
 * expect(grafana.writes()).toEqual([]);
 * await grafana.close();
 * ```
 */
import { addToken, createAuthRegistry, type AuthRegistry, type Role } from './auth.js';
import { viewDashboardJson } from './dashboard-view.js';
import { splitDashboardIdentity, writeDashboard } from './dashboard-write.js';
import { resolveSettings, type GrafanaEmulatorOptions } from './emulator-settings.js';
import type { EmulatorState } from './emulator-state.js';
import { createFaultQueue, type Fault } from './faults.js';
import { startHttpServer } from './http-server.js';
import { isJsonObject, type JsonObject } from './json-value.js';
import { k8sRoutes } from './k8s-routes.js';
import { legacyRoutes } from './legacy-routes.js';
import { isWriteRequest, type RecordedRequest } from './recorded-request.js';
import { addOrg, createStore, requireOrg, type EmulatorStore } from './store.js';
import { generateUid } from './uid.js';

export type { Fault } from './faults.js';
export type { GrafanaEmulatorOptions } from './emulator-settings.js';
export type { RecordedRequest } from './recorded-request.js';
export type { Role } from './auth.js';

/** A dashboard as `seedDashboard` stores it. */
export interface SeedDashboardOptions {
  /** Default 1. */
  readonly orgId?: number;
  /** The dashboard JSON; a missing uid is generated. id and version are ignored. */
  readonly dashboard: object;
  /** Must exist; default the root. */
  readonly folderUid?: string;
  /** Saves get 400 and deletes get 400, as for file provisioning. Default false. */
  readonly provisioned?: boolean;
  /** Owning plugin: saves without overwrite get 412 `plugin-dashboard`. Default none. */
  readonly pluginId?: string;
  /** Version message. Default empty. */
  readonly message?: string;
  /** Author of this version. Default `admin`. */
  readonly updatedBy?: string;
}

/** What `seedDashboard` stored. */
export interface SeededDashboard {
  readonly uid: string;
  readonly id: number;
  readonly version: number;
}

/** A folder as `seedFolder` stores it. */
export interface SeedFolderOptions {
  /** Default 1. */
  readonly orgId?: number;
  readonly uid: string;
  readonly title: string;
  /** Must exist; default the root. */
  readonly parentUid?: string;
}

/** A stored dashboard as `GET /api/dashboards/uid/:uid` would show its JSON. */
export interface DashboardSnapshot {
  /** The stored JSON with id, uid and version, keys sorted. */
  readonly dashboard: JsonObject;
  /** Empty at the root. */
  readonly folderUid: string;
  readonly version: number;
  readonly id: number;
  /** Number of history rows. */
  readonly historyLength: number;
}

/** A folder as the emulator holds it. */
export interface FolderSnapshot {
  readonly uid: string;
  readonly title: string;
  /** Undefined at the root. */
  readonly parentUid: string | undefined;
  readonly version: number;
}

/** A running emulator. */
export interface GrafanaEmulator {
  /** `http://127.0.0.1:<port>`, a fresh port for every start. */
  readonly url: string;
  /** Every request received, in arrival order. */
  readonly requests: readonly RecordedRequest[];
  /** An Admin token for org 1, created at start. A user `admin`/`admin` exists too. */
  readonly adminToken: string;
  /** Creates a service-account token; defaults org 1 and role Admin. */
  createToken(options?: { readonly orgId?: number; readonly role?: Role }): string;
  /** Adds a user who logs in with Basic auth; `orgs` maps org ids to roles. */
  addUser(options: {
    readonly login: string;
    readonly password: string;
    readonly orgs: Readonly<Record<number, Role>>;
  }): void;
  /** Creates an org and returns its id; the `admin` user becomes its Admin. */
  createOrg(name: string): number;
  /** Stores a dashboard as if saved through the API (with a history row); not recorded. */
  seedDashboard(options: SeedDashboardOptions): SeededDashboard;
  /** Stores a folder; not recorded. */
  seedFolder(options: SeedFolderOptions): void;
  /** The stored dashboard, or undefined. */
  dashboard(uid: string, orgId?: number): DashboardSnapshot | undefined;
  /** The org's folders at every depth, in creation order. */
  folders(orgId?: number): readonly FolderSnapshot[];
  /** Makes the next matching requests fail; see `Fault`. */
  injectFault(fault: Fault): void;
  /** Sets the delay added before every response, in ms. */
  setLatency(ms: number): void;
  /** `failing` makes `/api/health` answer 503 with `database: "failing"`. */
  setHealth(state: 'ok' | 'failing'): void;
  /** The recorded POST, PUT, PATCH and DELETE requests. */
  writes(): readonly RecordedRequest[];
  /** Empties the request log. */
  clearRequests(): void;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

/** Starts an emulator on 127.0.0.1; the caller must `close()` it. */
export async function startGrafanaEmulator(
  options: GrafanaEmulatorOptions = {},
): Promise<GrafanaEmulator> {
  const settings = resolveSettings(options);
  const state: EmulatorState = {
    settings,
    store: createStore({ now: settings.now }),
    auth: createAuthRegistry(),
    health: 'ok',
  };
  const requests: RecordedRequest[] = [];
  const faults = createFaultQueue();
  let latencyMs = checkLatency(options.latencyMs ?? 0);
  state.auth.users.set('admin', { password: 'admin', orgs: new Map([[1, 'Admin']]) });
  const adminToken = addToken(state.auth, { orgId: 1, role: 'Admin' });

  const server = await startHttpServer({
    state,
    routes: [...legacyRoutes, ...k8sRoutes],
    faults,
    requests,
    latencyMs: () => latencyMs,
  });
  return {
    url: server.url,
    requests,
    adminToken,
    createToken: (token) => createToken(state, token),
    addUser: (user) => addUser(state.auth, { ...user, store: state.store }),
    createOrg: (name) => createOrg(state, name),
    seedDashboard: (seed) => seedDashboard(state, seed),
    seedFolder: (seed) => seedFolder(state.store, seed),
    dashboard: (uid, orgId = 1) => snapshotDashboard(state.store, { uid, orgId }),
    folders: (orgId = 1) => snapshotFolders(state.store, orgId),
    injectFault: (fault) => faults.add(fault),
    setLatency: (ms) => {
      latencyMs = checkLatency(ms);
    },
    setHealth: (health) => {
      state.health = health;
    },
    writes: () => requests.filter(isWriteRequest),
    clearRequests: () => {
      requests.length = 0;
    },
    close: () => server.close(),
  };
}

function checkLatency(ms: number): number {
  if (!Number.isFinite(ms) || ms < 0) {
    throw new Error(`Grafana emulator: latency must be a non-negative number of ms, got ${ms}`);
  }

  return ms;
}

function createToken(
  state: EmulatorState,
  options: { readonly orgId?: number; readonly role?: Role } = {},
): string {
  const orgId = options.orgId ?? 1;
  requireOrg(state.store, orgId);

  return addToken(state.auth, { orgId, role: options.role ?? 'Admin' });
}

function addUser(
  auth: AuthRegistry,
  user: {
    readonly login: string;
    readonly password: string;
    readonly orgs: Readonly<Record<number, Role>>;
    readonly store: EmulatorStore;
  },
): void {
  if (user.login === 'api_key' || auth.users.has(user.login)) {
    throw new Error(`Grafana emulator: user login "${user.login}" is taken or reserved`);
  }
  const orgs = new Map<number, Role>();
  for (const [orgId, role] of Object.entries(user.orgs)) {
    orgs.set(requireOrg(user.store, Number(orgId)).id, role);
  }
  if (orgs.size === 0) {
    throw new Error(`Grafana emulator: user "${user.login}" must belong to at least one org`);
  }

  auth.users.set(user.login, { password: user.password, orgs });
}

function createOrg(state: EmulatorState, name: string): number {
  const org = addOrg(state.store, name);

  state.auth.users.get('admin')?.orgs.set(org.id, 'Admin');
  return org.id;
}

function seedDashboard(state: EmulatorState, seed: SeedDashboardOptions): SeededDashboard {
  const org = requireOrg(state.store, seed.orgId ?? 1);
  const folderUid = seed.folderUid ?? '';
  if (folderUid !== '' && !org.folders.has(folderUid)) {
    throw new Error(`Grafana emulator: cannot seed into missing folder "${folderUid}"`);
  }
  if (!isJsonObject(seed.dashboard)) {
    throw new Error('Grafana emulator: a seeded dashboard must be a JSON object');
  }
  const { uid: seededUid, spec } = splitDashboardIdentity(seed.dashboard);
  const uid = typeof seededUid === 'string' && seededUid !== '' ? seededUid : generateUid();

  const { dashboard } = writeDashboard(state.store, {
    org,
    existing: org.dashboards.get(uid),
    uid,
    spec,
    folderUid,
    message: seed.message ?? '',
    author: seed.updatedBy ?? 'admin',
    versioning: state.settings.versioning,
    searchableFromMs: state.store.nowMs(),
    provisioned: seed.provisioned ?? false,
    pluginId: seed.pluginId,
  });
  return { uid: dashboard.uid, id: dashboard.id, version: dashboard.version };
}

function seedFolder(store: EmulatorStore, seed: SeedFolderOptions): void {
  const org = requireOrg(store, seed.orgId ?? 1);
  const parentUid = seed.parentUid ?? '';
  if (parentUid !== '' && !org.folders.has(parentUid)) {
    throw new Error(`Grafana emulator: cannot seed folder under missing parent "${parentUid}"`);
  }
  if (org.folders.has(seed.uid)) {
    throw new Error(`Grafana emulator: folder "${seed.uid}" exists already`);
  }

  const now = store.timestamp();
  org.folders.set(seed.uid, {
    id: store.nextId(),
    uid: seed.uid,
    title: seed.title,
    description: '',
    parentUid,
    version: 1,
    created: now,
    updated: now,
    createdBy: 'admin',
    updatedBy: 'admin',
    searchableFromMs: store.nowMs(),
  });
}

function snapshotDashboard(
  store: EmulatorStore,
  request: { readonly uid: string; readonly orgId: number },
): DashboardSnapshot | undefined {
  const dashboard = requireOrg(store, request.orgId).dashboards.get(request.uid);
  if (dashboard === undefined) {
    return undefined;
  }

  return {
    dashboard: viewDashboardJson(dashboard),
    folderUid: dashboard.folderUid,
    version: dashboard.version,
    id: dashboard.id,
    historyLength: dashboard.history.length,
  };
}

function snapshotFolders(store: EmulatorStore, orgId: number): FolderSnapshot[] {
  return [...requireOrg(store, orgId).folders.values()].map((folder) => ({
    uid: folder.uid,
    title: folder.title,
    parentUid: folder.parentUid === '' ? undefined : folder.parentUid,
    version: folder.version,
  }));
}
