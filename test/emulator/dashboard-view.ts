/** Dashboards as Grafana's `/api/dashboards` endpoints show them (research note §2.5, §3.1). */
import type { Role } from './auth.js';
import type { EmulatorSettings } from './emulator-settings.js';
import { folderUrl } from './folder-view.js';
import { sortJsonKeys, type JsonObject } from './json-value.js';
import { roleFlags } from './permissions.js';
import { slugifyTitle } from './slug.js';
import type { OrgData, StoredDashboard } from './store.js';

/** Grafana's zero time, sent as `meta.expires` for dashboards that never expire. */
const neverExpires = '0001-01-01T00:00:00Z';

/** The dashboard's title as stored; the slug and search use it. */
export function dashboardTitle(spec: JsonObject): string {
  const title = spec['title'];
  return typeof title === 'string' ? title : '';
}

/** `/d/<uid>/<slug>`. */
export function dashboardUrl(dashboard: StoredDashboard): string {
  return `/d/${dashboard.uid}/${slugifyTitle(dashboardTitle(dashboard.spec))}`;
}

/** The stored JSON with id, uid and version put back, keys sorted at every level. */
export function viewDashboardJson(
  dashboard: StoredDashboard,
  spec: JsonObject = dashboard.spec,
  version: number = dashboard.version,
): JsonObject {
  const json = { ...spec, id: dashboard.id, uid: dashboard.uid, version };
  return sortJsonKeys(json) as JsonObject;
}

/** The `meta` object of `GET /api/dashboards/uid/:uid`. */
export function viewDashboardMeta(
  org: OrgData,
  dashboard: StoredDashboard,
  options: { readonly role: Role; readonly settings: EmulatorSettings },
): JsonObject {
  const flags = roleFlags(options.role);
  const folder = org.folders.get(dashboard.folderUid);
  const meta: JsonObject = {
    type: 'db',
    ...flags,
    canStar: true,
    slug: slugifyTitle(dashboardTitle(dashboard.spec)),
    url: dashboardUrl(dashboard),
    expires: neverExpires,
    created: dashboard.created,
    updated: dashboard.updated,
    updatedBy: dashboard.updatedBy,
    createdBy: dashboard.createdBy,
    version: dashboard.version,
    hasAcl: false,
    isFolder: false,
    folderId: folder?.id ?? 0,
    folderUid: dashboard.folderUid,
    folderTitle: folder?.title ?? 'General',
    folderUrl: folder === undefined ? '' : folderUrl(folder),
    provisioned: dashboard.provisioned,
    provisionedExternalId: dashboard.provisioned ? `${dashboard.uid}.json` : '',
    annotationsPermissions: annotationPermissions(flags.canEdit),
  };
  if (options.settings.versioning === 'k8s') {
    meta['apiVersion'] = 'v0alpha1';
  }

  return meta;
}

/** The body of a successful save (`POST /api/dashboards/db` and restore). */
export function viewSaveResult(dashboard: StoredDashboard): JsonObject {
  return {
    id: dashboard.id,
    slug: slugifyTitle(dashboardTitle(dashboard.spec)),
    status: 'success',
    uid: dashboard.uid,
    url: dashboardUrl(dashboard),
    version: dashboard.version,
    folderUid: dashboard.folderUid,
  };
}

function annotationPermissions(canEdit: boolean): JsonObject {
  const rights = { canAdd: canEdit, canEdit, canDelete: canEdit };

  return { dashboard: rights, organization: rights };
}
