/**
 * The checks `/apis` runs on a dashboard create or update (research note §7.3): the legacy
 * rules answered as k8s Status objects, a refresh below the minimum refused rather than
 * raised, a missing folder as 404 on the folders resource, and (Grafana 13.2) no change of
 * manager kind or identity.
 */
import type { ApiResponse } from './api-response.js';
import { passed, rejected, type Checked } from './checked.js';
import { dashboardTitle } from './dashboard-view.js';
import { parseDurationMs } from './duration.js';
import type { EmulatorSettings } from './emulator-settings.js';
import {
  managedByAnnotation,
  managerIdAnnotation,
  messageAnnotation,
  type DashboardResource,
} from './k8s-resource.js';
import { statusFailure } from './k8s-status.js';
import type { OrgData, StoredDashboard } from './store.js';
import { findUidProblem } from './uid.js';

/** Grafana 12 refuses longer titles and messages, as on the legacy API. */
const maxTitleLength = 5_000;
const maxMessageLength = 500;

/** Checks a create or update of dashboard `name`. */
export function admitDashboard(write: {
  readonly org: OrgData;
  readonly settings: EmulatorSettings;
  readonly name: string;
  readonly resource: DashboardResource;
  readonly existing: StoredDashboard | undefined;
}): Checked<undefined> {
  const { name, resource } = write;
  const problem = findSpecProblem(resource, write.settings) ?? findUidProblem(name);
  if (problem !== undefined) {
    return rejected(statusFailure('BadRequest', { message: problem, name }));
  }
  if (resource.folderUid !== '' && !write.org.folders.has(resource.folderUid)) {
    return rejected(folderNotFound(resource.folderUid));
  }
  if (write.settings.forbidManagerChange && changesManager(write.existing, resource)) {
    const message = 'Cannot change resource manager kind/identity; '
      + 'remove the existing manager first, then add the new one';
    return rejected(statusFailure('Forbidden', { message, name }));
  }
  const quota = write.settings.dashboardQuota;
  if (write.existing === undefined && quota !== undefined && write.org.dashboards.size >= quota) {
    return rejected(statusFailure('Forbidden', { message: 'Quota reached', name }));
  }

  return passed(undefined);
}

function findSpecProblem(
  resource: DashboardResource,
  settings: EmulatorSettings,
): string | undefined {
  const title = dashboardTitle(resource.spec).trim();
  if (title === '') {
    return 'Dashboard title cannot be empty';
  }
  if (title.length > maxTitleLength) {
    return 'Dashboard title cannot contain more than 5 000 characters';
  }
  if ((resource.annotations[messageAnnotation] ?? '').length > maxMessageLength) {
    return `message too long, max ${maxMessageLength} characters`;
  }

  return isRefreshTooShort(resource.spec['refresh'], settings)
    ? 'Dashboard refresh interval is too low'
    : undefined;
}

function isRefreshTooShort(refresh: unknown, settings: EmulatorSettings): boolean {
  if (typeof refresh !== 'string' || refresh === '' || refresh === 'auto') {
    return false;
  }
  const refreshMs = parseDurationMs(refresh);
  const minimumMs = parseDurationMs(settings.minRefreshInterval) ?? 0;

  return refreshMs === undefined || refreshMs < minimumMs;
}

/** Setting or removing a manager is allowed; replacing one by another is not. */
function changesManager(
  existing: StoredDashboard | undefined,
  resource: DashboardResource,
): boolean {
  const oldId = existing?.annotations[managerIdAnnotation] ?? '';
  const newId = resource.annotations[managerIdAnnotation] ?? '';
  if (oldId === '' || newId === '') {
    return false;
  }

  const oldKind = existing?.annotations[managedByAnnotation] ?? '';
  const newKind = resource.annotations[managedByAnnotation] ?? '';
  return oldId !== newId || oldKind !== newKind;
}

function folderNotFound(folderUid: string): ApiResponse {
  return statusFailure('NotFound', {
    message: `folders.folder.grafana.app "${folderUid}" not found`,
    name: folderUid,
    group: 'folder.grafana.app',
    kind: 'folders',
  });
}
