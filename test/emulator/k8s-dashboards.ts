/**
 * `/apis/dashboard.grafana.app/v1beta1/namespaces/<ns>/dashboards` (research note §7.3):
 * create (201, 409 AlreadyExists), get (404 Status), update with a resourceVersion check
 * (409 Conflict; an empty resourceVersion is unconditional; a missing name creates), list
 * with `limit` and `continue` (50 per page by default), delete (Status Success). Writes follow
 * k8s versioning whatever the emulator's `versioning`: the generation, which is the dashboard
 * version, only moves when the spec or the folder changes. `dryRun` is refused, not faked.
 */
import { randomBytes } from 'node:crypto';

import { jsonResponse, type ApiResponse } from './api-response.js';
import { decodeContinueToken, encodeContinueToken } from './continue-token.js';
import { writeDashboard } from './dashboard-write.js';
import { admitDashboard } from './k8s-admission.js';
import {
  dashboardApiVersion,
  readDashboardResource,
  viewDashboardResource,
  type DashboardResource,
} from './k8s-resource.js';
import { statusDeleted, statusFailure } from './k8s-status.js';
import type { RouteContext } from './route.js';
import type { StoredDashboard } from './store.js';

/** The unified-storage resource server's page size when the client sets no limit. */
const defaultListLimit = 50;
/** Length of the random suffix k8s appends to `generateName`. */
const generatedSuffixLength = 5;

/** Handles `GET .../dashboards/:name`. */
export function getDashboardResource(context: RouteContext): ApiResponse {
  const name = context.params['name'] ?? '';
  const dashboard = context.org.dashboards.get(name);
  if (dashboard === undefined) {
    return notFound(name);
  }

  return jsonResponse(200, viewDashboardResource(dashboard, { orgId: context.org.id }));
}

/** Handles `POST .../dashboards`. */
export function createDashboardResource(context: RouteContext): ApiResponse {
  const resource = readWrite(context);
  if (resource.status === 'rejected') {
    return resource.response;
  }
  if (resource.value.resourceVersion !== '') {
    const message = 'resourceVersion should not be set on objects to be created';
    return statusFailure('BadRequest', { message, name: resource.value.name });
  }
  const name = resource.value.name !== ''
    ? resource.value.name
    : withGeneratedSuffix(resource.value.generateName);
  if (name === '') {
    return statusFailure('Invalid', { message: 'name or generateName is required' });
  }
  if (context.org.dashboards.has(name)) {
    const message = `dashboards.dashboard.grafana.app "${name}" already exists`;
    return statusFailure('AlreadyExists', { message, name });
  }

  return storeResource(context, { name, resource: resource.value, existing: undefined });
}

/** Handles `PUT .../dashboards/:name`; a name that does not exist yet is created. */
export function updateDashboardResource(context: RouteContext): ApiResponse {
  const name = context.params['name'] ?? '';
  const resource = readWrite(context);
  if (resource.status === 'rejected') {
    return resource.response;
  }
  if (resource.value.name !== '' && resource.value.name !== name) {
    const message = `the name of the object (${resource.value.name}) does not match `
      + `the name on the URL (${name})`;
    return statusFailure('BadRequest', { message, name });
  }
  const existing = context.org.dashboards.get(name);
  const expected = resource.value.resourceVersion;
  if (existing !== undefined && expected !== '' && expected !== String(existing.resourceVersion)) {
    const message = `Operation cannot be fulfilled on dashboards.dashboard.grafana.app "${name}": `
      + 'the object has been modified; please apply your changes to the latest version '
      + 'and try again';
    return statusFailure('Conflict', { message, name });
  }

  return storeResource(context, { name, resource: resource.value, existing });
}

/** Handles `GET .../dashboards` with `limit` and `continue`, in name order. */
export function listDashboardResources(context: RouteContext): ApiResponse {
  const limit = Number.parseInt(context.query.get('limit') ?? '', 10);
  const pageSize = Number.isInteger(limit) && limit > 0 ? limit : defaultListLimit;
  const offset = decodeContinueToken(context.query.get('continue') ?? '');
  const dashboards = [...context.org.dashboards.values()].sort(compareByName);

  const page = dashboards.slice(offset, offset + pageSize);
  const metadata: Record<string, string> = { resourceVersion: latestResourceVersion(context) };
  if (offset + pageSize < dashboards.length) {
    metadata['continue'] = encodeContinueToken(offset + pageSize);
  }
  const orgId = context.org.id;
  return jsonResponse(200, {
    kind: 'DashboardList',
    apiVersion: dashboardApiVersion,
    metadata,
    items: page.map((dashboard) => viewDashboardResource(dashboard, { orgId })),
  });
}

/** Handles `DELETE .../dashboards/:name`; provisioned dashboards cannot be deleted. */
export function deleteDashboardResource(context: RouteContext): ApiResponse {
  const name = context.params['name'] ?? '';
  const dashboard = context.org.dashboards.get(name);
  if (dashboard === undefined) {
    return notFound(name);
  }
  if (dashboard.provisioned) {
    const message = 'provisioned dashboard cannot be deleted';
    return statusFailure('BadRequest', { message, name });
  }

  context.org.dashboards.delete(name);
  return statusDeleted({ name, uid: dashboard.objectUid });
}

function readWrite(context: RouteContext): ReturnType<typeof readDashboardResource> {
  if (context.query.has('dryRun')) {
    const message = 'dryRun is not supported by the Grafana emulator';
    return { status: 'rejected', response: statusFailure('BadRequest', { message }) };
  }

  return readDashboardResource(context.body);
}

function storeResource(
  context: RouteContext,
  write: {
    readonly name: string;
    readonly resource: DashboardResource;
    readonly existing: StoredDashboard | undefined;
  },
): ApiResponse {
  const { name, resource, existing } = write;
  const settings = context.state.settings;
  const admitted = admitDashboard({ org: context.org, settings, name, resource, existing });
  if (admitted.status === 'rejected') {
    return admitted.response;
  }

  const { dashboard } = writeDashboard(context.state.store, {
    org: context.org,
    existing,
    uid: name,
    spec: resource.spec,
    folderUid: resource.folderUid,
    message: resource.annotations['grafana.app/message'] ?? '',
    author: context.identity.login,
    versioning: 'k8s',
    searchableFromMs: context.state.store.nowMs() + settings.searchDelayMs,
    annotations: resource.annotations,
    labels: resource.labels,
  });
  const status = existing === undefined ? 201 : 200;
  return jsonResponse(status, viewDashboardResource(dashboard, { orgId: context.org.id }));
}

function notFound(name: string): ApiResponse {
  const message = `dashboards.dashboard.grafana.app "${name}" not found`;
  return statusFailure('NotFound', { message, name });
}

function withGeneratedSuffix(prefix: string): string {
  if (prefix === '') {
    return '';
  }

  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  const bytes = randomBytes(generatedSuffixLength);
  const suffix = [...bytes].map((byte) => alphabet[byte % alphabet.length]).join('');
  return `${prefix}${suffix}`;
}

function latestResourceVersion(context: RouteContext): string {
  let latest = 0;
  for (const dashboard of context.org.dashboards.values()) {
    latest = Math.max(latest, dashboard.resourceVersion);
  }

  return String(latest);
}

function compareByName(left: StoredDashboard, right: StoredDashboard): number {
  return left.uid < right.uid ? -1 : 1;
}
