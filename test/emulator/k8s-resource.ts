/**
 * Dashboards as `dashboard.grafana.app/v1beta1` objects (research note §7.2): reading the
 * object a client sends, and showing a stored dashboard as one.
 */
import { badRequestData } from './api-response.js';
import { passed, rejected, type Checked } from './checked.js';
import { splitDashboardIdentity } from './dashboard-write.js';
import { isJsonObject, type JsonObject } from './json-value.js';
import { formatNamespace } from './k8s-namespace.js';
import { statusFailure } from './k8s-status.js';
import type { RequestBody } from './route.js';
import type { StoredDashboard } from './store.js';

/** The API group and version served. */
export const dashboardApiVersion = 'dashboard.grafana.app/v1beta1';

/** Annotation holding the parent folder uid; absent at the root. */
export const folderAnnotation = 'grafana.app/folder';
/** Annotation holding the version message of the write. */
export const messageAnnotation = 'grafana.app/message';
/** Annotations naming who manages the object. */
export const managedByAnnotation = 'grafana.app/managedBy';
export const managerIdAnnotation = 'grafana.app/managerId';

const internalIdLabel = 'grafana.app/deprecatedInternalID';
/** Set by the server on every write; a client's values are ignored. */
const serverAnnotations = new Set([
  'grafana.app/createdBy',
  'grafana.app/updatedBy',
  'grafana.app/updatedTimestamp',
  folderAnnotation,
]);

/** The parts of a posted object the emulator uses. */
export interface DashboardResource {
  readonly name: string;
  readonly generateName: string;
  readonly resourceVersion: string;
  /** Client annotations without the server-set ones and the folder. */
  readonly annotations: Record<string, string>;
  readonly labels: Record<string, string>;
  readonly folderUid: string;
  /** The spec without id, uid and version, which the server removes. */
  readonly spec: JsonObject;
}

/** Reads a posted Dashboard object; a body that is not one is a 400. */
export function readDashboardResource(body: RequestBody): Checked<DashboardResource> {
  if (body.status === 'invalid') {
    return rejected(badRequestData);
  }
  const object = body.status === 'json' ? body.value : undefined;
  if (!isJsonObject(object) || !isJsonObject(object['spec'])) {
    const message = 'the body must be a Dashboard object with a spec';
    return rejected(statusFailure('BadRequest', { message }));
  }
  const metadata = isJsonObject(object['metadata']) ? object['metadata'] : {};
  const annotations = readStringMap(metadata['annotations']);

  return passed({
    name: readString(metadata['name']),
    generateName: readString(metadata['generateName']),
    resourceVersion: readString(metadata['resourceVersion']),
    annotations: withoutKeys(annotations, serverAnnotations),
    labels: withoutKeys(readStringMap(metadata['labels']), new Set([internalIdLabel])),
    folderUid: annotations[folderAnnotation] ?? '',
    spec: splitDashboardIdentity(object['spec']).spec,
  });
}

/** A stored dashboard as a v1beta1 object. */
export function viewDashboardResource(
  dashboard: StoredDashboard,
  options: { readonly orgId: number },
): JsonObject {
  return {
    kind: 'Dashboard',
    apiVersion: dashboardApiVersion,
    metadata: {
      name: dashboard.uid,
      namespace: formatNamespace(options.orgId),
      uid: dashboard.objectUid,
      resourceVersion: String(dashboard.resourceVersion),
      generation: dashboard.version,
      creationTimestamp: dashboard.creationTimestamp,
      labels: { ...dashboard.labels, [internalIdLabel]: String(dashboard.id) },
      annotations: viewAnnotations(dashboard),
    },
    spec: dashboard.spec,
    status: {},
  };
}

function viewAnnotations(dashboard: StoredDashboard): Record<string, string> {
  const annotations: Record<string, string> = {
    ...provisioningAnnotations(dashboard),
    ...dashboard.annotations,
    'grafana.app/createdBy': dashboard.createdBy,
    'grafana.app/updatedBy': dashboard.updatedBy,
    'grafana.app/updatedTimestamp': dashboard.updated,
  };
  const message = dashboard.history.at(-1)?.message ?? '';
  if (message !== '' && annotations[messageAnnotation] === undefined) {
    annotations[messageAnnotation] = message;
  }
  if (dashboard.folderUid !== '') {
    annotations[folderAnnotation] = dashboard.folderUid;
  }

  return annotations;
}

/** Grafana 12 shows file provisioning as manager annotations. */
function provisioningAnnotations(dashboard: StoredDashboard): Record<string, string> {
  if (!dashboard.provisioned) {
    return {};
  }

  return {
    [managedByAnnotation]: 'classic-file-provisioning',
    [managerIdAnnotation]: 'emulator-provisioning',
  };
}

function readString(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function readStringMap(value: unknown): Record<string, string> {
  const map: Record<string, string> = {};
  if (!isJsonObject(value)) {
    return map;
  }

  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry === 'string') {
      map[key] = entry;
    }
  }
  return map;
}

function withoutKeys(
  map: Record<string, string>,
  keys: ReadonlySet<string>,
): Record<string, string> {
  return Object.fromEntries(Object.entries(map).filter(([key]) => !keys.has(key)));
}
