/**
 * The emulator's data: orgs, each with its own dashboards and folders (fully isolated), and
 * one id counter. Ids start at 2^40 because Grafana 12 hands out large snowflake-derived ids,
 * and a client that assumes small ids should fail here first.
 */
import type { JsonObject } from './json-value.js';

/** First id handed out; large like Grafana 12's, still a safe JavaScript integer. */
const firstId = 2 ** 40;

/** One saved version of a dashboard, oldest first in `StoredDashboard.history`. */
export interface DashboardVersion {
  readonly id: number;
  readonly version: number;
  readonly parentVersion: number;
  /** The version this save restored, 0 for an ordinary save. */
  readonly restoredFrom: number;
  readonly created: string;
  readonly createdBy: string;
  readonly message: string;
  /** The dashboard JSON at this version, without id, uid and version. */
  readonly spec: JsonObject;
  readonly folderUid: string;
}

/** A dashboard as stored: its JSON without id, uid and version, plus what Grafana keeps. */
export interface StoredDashboard {
  id: number;
  uid: string;
  spec: JsonObject;
  /** Empty at the root ("General"). */
  folderUid: string;
  version: number;
  created: string;
  updated: string;
  createdBy: string;
  updatedBy: string;
  /** When search starts to show this save (the eventual-consistency switch), epoch ms. */
  searchableFromMs: number;
  provisioned: boolean;
  /** The plugin that owns the dashboard, if any. */
  pluginId: string | undefined;
  /** k8s metadata: annotations other than the server-set ones, labels, name uid. */
  annotations: Record<string, string>;
  labels: Record<string, string>;
  readonly objectUid: string;
  creationTimestamp: string;
  resourceVersion: number;
  readonly history: DashboardVersion[];
}

/** A folder; `parentUid` is empty at the root. */
export interface StoredFolder {
  readonly id: number;
  readonly uid: string;
  title: string;
  description: string;
  parentUid: string;
  version: number;
  readonly created: string;
  updated: string;
  readonly createdBy: string;
  updatedBy: string;
  searchableFromMs: number;
}

/** One org's data. */
export interface OrgData {
  readonly id: number;
  readonly name: string;
  readonly dashboards: Map<string, StoredDashboard>;
  readonly folders: Map<string, StoredFolder>;
}

/** All orgs and the counters. */
export interface EmulatorStore {
  readonly orgs: Map<number, OrgData>;
  /** A fresh id for a dashboard, folder or version row. */
  nextId(): number;
  /** A fresh k8s resourceVersion, increasing across the whole server. */
  nextResourceVersion(): number;
  /** The clock's time as an ISO timestamp. */
  timestamp(): string;
  /** The clock's time in epoch ms. */
  nowMs(): number;
}

/** Creates a store holding org 1, "Main Org.", as a fresh Grafana does. */
export function createStore(options: { readonly now: () => number }): EmulatorStore {
  let lastId = firstId - 1;
  let lastResourceVersion = 1_000;
  const store: EmulatorStore = {
    orgs: new Map(),
    nextId: () => ++lastId,
    nextResourceVersion: () => ++lastResourceVersion,
    timestamp: () => new Date(options.now()).toISOString(),
    nowMs: options.now,
  };

  addOrg(store, 'Main Org.');
  return store;
}

/** Adds an org and returns it; ids count up from 1. */
export function addOrg(store: EmulatorStore, name: string): OrgData {
  const id = store.orgs.size + 1;
  const org: OrgData = { id, name, dashboards: new Map(), folders: new Map() };

  store.orgs.set(org.id, org);
  return org;
}

/** The org, or an Error naming it: test setup named an org that does not exist. */
export function requireOrg(store: EmulatorStore, orgId: number): OrgData {
  const org = store.orgs.get(orgId);
  if (org === undefined) {
    throw new Error(`Grafana emulator: org ${orgId} does not exist; create it with createOrg`);
  }

  return org;
}

/** Finds a dashboard by its numeric id. */
export function findDashboardById(org: OrgData, id: number): StoredDashboard | undefined {
  for (const dashboard of org.dashboards.values()) {
    if (dashboard.id === id) {
      return dashboard;
    }
  }

  return undefined;
}

/** Finds a folder by its numeric id. */
export function findFolderById(org: OrgData, id: number): StoredFolder | undefined {
  for (const folder of org.folders.values()) {
    if (folder.id === id) {
      return folder;
    }
  }

  return undefined;
}
