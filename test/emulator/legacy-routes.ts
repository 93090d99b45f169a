/** The route table of the legacy `/api` endpoints the emulator serves. */
import type { ApiResponse } from './api-response.js';
import { deleteDashboard, getDashboard } from './dashboards.js';
import {
  createFolder,
  deleteFolder,
  getFolder,
  listFolders,
  updateFolder,
} from './folders.js';
import { getHealth, getLiveness } from './health.js';
import type { Route, RouteContext } from './route.js';
import { saveDashboard } from './save-dashboard.js';
import { searchDashboards } from './search.js';
import { getVersion, listVersions, restoreVersion } from './versions.js';

type Handler = (context: RouteContext) => ApiResponse;

/** Version history needs write access even to read it, as in Grafana's route table. */
const historyPermission = 'dashboards:write';

/** Every `/api` route, with the permission a Viewer is told they lack on writes. */
export const legacyRoutes: readonly Route[] = [
  { access: 'public', methods: ['GET', 'HEAD'], pattern: '/api/health', handle: getHealth },
  { access: 'public', methods: ['GET'], pattern: '/healthz', handle: getLiveness },
  writeRoute({
    method: 'POST',
    pattern: '/api/dashboards/db',
    permission: 'any of dashboards:create, dashboards:write',
    handle: saveDashboard,
  }),
  readRoute('/api/dashboards/uid/:uid', getDashboard),
  writeRoute({
    method: 'DELETE',
    pattern: '/api/dashboards/uid/:uid',
    permission: 'dashboards:delete',
    handle: deleteDashboard,
  }),
  writeRoute({
    method: 'GET',
    pattern: '/api/dashboards/uid/:uid/versions',
    permission: historyPermission,
    handle: listVersions,
  }),
  writeRoute({
    method: 'GET',
    pattern: '/api/dashboards/uid/:uid/versions/:version',
    permission: historyPermission,
    handle: getVersion,
  }),
  writeRoute({
    method: 'POST',
    pattern: '/api/dashboards/uid/:uid/restore',
    permission: historyPermission,
    handle: restoreVersion,
  }),
  readRoute('/api/search', searchDashboards),
  readRoute('/api/folders', listFolders),
  readRoute('/api/folders/:uid', getFolder),
  writeRoute({
    method: 'POST',
    pattern: '/api/folders',
    permission: 'folders:create',
    handle: createFolder,
  }),
  writeRoute({
    method: 'PUT',
    pattern: '/api/folders/:uid',
    permission: 'folders:write',
    handle: updateFolder,
  }),
  writeRoute({
    method: 'DELETE',
    pattern: '/api/folders/:uid',
    permission: 'folders:delete',
    handle: deleteFolder,
  }),
];

function readRoute(pattern: string, handle: Handler): Route {
  return { access: 'read', family: 'legacy', methods: ['GET'], pattern, handle };
}

function writeRoute(route: {
  readonly method: string;
  readonly pattern: string;
  readonly permission: string;
  readonly handle: Handler;
}): Route {
  const { method, ...rest } = route;
  return { access: 'write', family: 'legacy', methods: [method], ...rest };
}
