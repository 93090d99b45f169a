/**
 * Dashboard version history (research note §3.3, §9): the list (newest first, `limit`,
 * `start`, `continueToken`) rewrites the first message to "Initial save" and restores to
 * "Restored from version N"; one version carries its `data` and raw message; restore saves an
 * old version again.
 */
import {
  badRequestData,
  jsonResponse,
  messageResponse,
  type ApiResponse,
} from './api-response.js';
import { viewDashboardJson, viewSaveResult } from './dashboard-view.js';
import { writeDashboard } from './dashboard-write.js';
import { decodeContinueToken, encodeContinueToken } from './continue-token.js';
import { isJsonObject } from './json-value.js';
import { readLimit } from './paging.js';
import type { RouteContext } from './route.js';
import type { DashboardVersion, StoredDashboard } from './store.js';

const dashboardNotFound = messageResponse(404, 'Dashboard not found');

/** Handles `GET /api/dashboards/uid/:uid/versions`. */
export function listVersions(context: RouteContext): ApiResponse {
  const dashboard = context.org.dashboards.get(context.params['uid'] ?? '');
  if (dashboard === undefined) {
    return dashboardNotFound;
  }

  const newestFirst = [...dashboard.history].reverse();
  const start = readStart(context.query);
  const limit = readLimit(context.query);
  const page = newestFirst.slice(start, start + limit);
  const more = start + limit < newestFirst.length;
  return jsonResponse(200, {
    continueToken: more ? encodeContinueToken(start + limit) : '',
    versions: page.map((version) => describeVersion(dashboard, version, { shown: true })),
  });
}

/** Handles `GET /api/dashboards/uid/:uid/versions/:version`; an unknown version is a 500. */
export function getVersion(context: RouteContext): ApiResponse {
  const dashboard = context.org.dashboards.get(context.params['uid'] ?? '');
  if (dashboard === undefined) {
    return dashboardNotFound;
  }
  const number = Number(context.params['version']);
  const version = dashboard.history.find((entry) => entry.version === number);
  if (version === undefined) {
    const message = `Dashboard version ${context.params['version'] ?? ''} not found `
      + `for dashboardId ${dashboard.id}`;
    return jsonResponse(500, { message, traceID: '' });
  }

  return jsonResponse(200, {
    ...describeVersion(dashboard, version, { shown: false }),
    data: viewDashboardJson(dashboard, version.spec, version.version),
  });
}

/** Handles `POST /api/dashboards/uid/:uid/restore` with body `{"version": N}`. */
export function restoreVersion(context: RouteContext): ApiResponse {
  const body = context.body.status === 'json' ? context.body.value : undefined;
  if (!isJsonObject(body) || typeof body['version'] !== 'number') {
    return badRequestData;
  }
  const dashboard = context.org.dashboards.get(context.params['uid'] ?? '');
  if (dashboard === undefined) {
    return dashboardNotFound;
  }
  const version = dashboard.history.find((entry) => entry.version === body['version']);
  if (version === undefined) {
    return messageResponse(404, 'Dashboard version not found');
  }

  const settings = context.state.settings;
  const result = writeDashboard(context.state.store, {
    org: context.org,
    existing: dashboard,
    uid: dashboard.uid,
    spec: version.spec,
    folderUid: dashboard.folderUid,
    message: `Restored from version ${version.version}`,
    author: context.identity.login,
    versioning: settings.versioning,
    searchableFromMs: context.state.store.nowMs() + settings.searchDelayMs,
    restoredFrom: version.version,
  });
  return jsonResponse(200, viewSaveResult(result.dashboard));
}

function describeVersion(
  dashboard: StoredDashboard,
  version: DashboardVersion,
  options: { readonly shown: boolean },
): Record<string, unknown> {
  return {
    id: version.id,
    dashboardId: dashboard.id,
    uid: dashboard.uid,
    parentVersion: version.parentVersion,
    restoredFrom: version.restoredFrom,
    version: version.version,
    created: version.created,
    createdBy: version.createdBy,
    message: options.shown ? shownMessage(dashboard, version) : version.message,
  };
}

/** The list shows "Initial save" for the first version and the restore note for restores. */
function shownMessage(dashboard: StoredDashboard, version: DashboardVersion): string {
  if (version === dashboard.history[0]) {
    return 'Initial save';
  }
  if (version.restoredFrom > 0) {
    return `Restored from version ${version.restoredFrom}`;
  }

  return version.message;
}

/** `start` wins; else the offset in `continueToken`; else 0. */
function readStart(query: URLSearchParams): number {
  const start = Number.parseInt(query.get('start') ?? '', 10);
  if (Number.isInteger(start) && start >= 0) {
    return start;
  }

  return decodeContinueToken(query.get('continueToken') ?? '');
}
