/**
 * `POST /api/dashboards/db`: the checks of research note §2.3, in Grafana's order, then the
 * write. Each check returns Grafana's status and body; the first failing one answers.
 */
import {
  jsonResponse,
  messageResponse,
  statusResponse,
  type ApiResponse,
} from './api-response.js';
import { passed, rejected, type Checked } from './checked.js';
import { viewSaveResult } from './dashboard-view.js';
import { splitDashboardIdentity, writeDashboard } from './dashboard-write.js';
import { parseDurationMs } from './duration.js';
import type { EmulatorSettings } from './emulator-settings.js';
import type { JsonObject } from './json-value.js';
import type { RouteContext } from './route.js';
import { readSaveCommand, type SaveCommand } from './save-command.js';
import { findDashboardById, findFolderById, type OrgData, type StoredDashboard } from './store.js';
import { findUidProblem, generateUid } from './uid.js';

/** Grafana 12 refuses longer titles. */
const maxTitleLength = 5_000;
/** Grafana 12 refuses longer version messages. */
const maxMessageLength = 500;
const bytesPerMegabyte = 1024 * 1024;

/** The dashboard fields the checks read, after trimming. */
interface DashboardFields {
  readonly title: string;
  readonly uid: string;
  readonly id: number;
  /** The posted version; 0 when absent, not a number, or neither id nor uid was sent. */
  readonly version: number;
  /** The JSON to store: trimmed title, raised refresh, no id, uid or version. */
  readonly spec: JsonObject;
}

/** A save request after the field and folder checks. */
interface SaveRequest {
  readonly command: SaveCommand;
  readonly fields: DashboardFields;
  /** The resolved target folder, empty at the root. */
  readonly folderUid: string;
}

/** The dashboard a save replaces and the uid it is stored under. */
interface SaveTarget {
  readonly existing: StoredDashboard | undefined;
  readonly uid: string;
}

/** Handles `POST /api/dashboards/db`. */
export function saveDashboard(context: RouteContext): ApiResponse {
  const command = readSaveCommand(context.body);
  if (command.status === 'rejected') {
    return command.response;
  }
  if (command.value.isFolder) {
    return messageResponse(400, 'Use folders endpoint for saving folders.');
  }
  const fields = readDashboardFields(command.value, context.state.settings);
  if (fields.status === 'rejected') {
    return fields.response;
  }
  const folderUid = resolveFolder(context.org, command.value);
  if (folderUid.status === 'rejected') {
    return folderUid.response;
  }
  const target = findTarget(context, {
    command: command.value,
    fields: fields.value,
    folderUid: folderUid.value,
  });
  if (target.status === 'rejected') {
    return target.response;
  }

  const { dashboard } = writeDashboard(context.state.store, {
    org: context.org,
    existing: target.value.existing,
    uid: target.value.uid,
    spec: fields.value.spec,
    folderUid: folderUid.value,
    message: command.value.message,
    author: context.identity.login,
    versioning: context.state.settings.versioning,
    searchableFromMs: context.state.store.nowMs() + context.state.settings.searchDelayMs,
  });
  return jsonResponse(200, viewSaveResult(dashboard));
}

/** Rules 1–5: title, message, uid, refresh. */
function readDashboardFields(
  command: SaveCommand,
  settings: EmulatorSettings,
): Checked<DashboardFields> {
  const dashboard = command.dashboard;
  const title = typeof dashboard['title'] === 'string' ? dashboard['title'].trim() : '';
  const uid = typeof dashboard['uid'] === 'string' ? dashboard['uid'].trim() : '';
  if (title === '') {
    return rejected(statusResponse(400, 'empty-name', 'Dashboard title cannot be empty'));
  }
  if (title.length > maxTitleLength) {
    const message = 'Dashboard title cannot contain more than 5 000 characters';
    return rejected(statusResponse(400, 'title-too-long', message));
  }
  if (command.message.length > maxMessageLength) {
    return rejected(messageResponse(400, `message too long, max ${maxMessageLength} characters`));
  }
  const uidProblem = findUidProblem(uid);
  if (uidProblem !== undefined) {
    return rejected(messageResponse(400, uidProblem));
  }

  const identity = splitDashboardIdentity(dashboard);
  const id = typeof identity.id === 'number' ? identity.id : 0;
  const identified = typeof identity.id === 'number' || typeof identity.uid === 'string';
  const version = identified && typeof identity.version === 'number' ? identity.version : 0;
  const spec = { ...identity.spec, title, ...raisedRefresh(dashboard['refresh'], settings) };
  return passed({ title, uid, id, version, spec });
}

/**
 * A `refresh` shorter than the minimum, or not a duration, is replaced by the minimum (a
 * logged warning in Grafana, not an error); empty, "auto" and non-strings are kept.
 */
function raisedRefresh(refresh: unknown, settings: EmulatorSettings): JsonObject {
  if (typeof refresh !== 'string' || refresh === '' || refresh === 'auto') {
    return {};
  }
  const minimumMs = parseDurationMs(settings.minRefreshInterval) ?? 0;
  const refreshMs = parseDurationMs(refresh);
  if (refreshMs !== undefined && refreshMs >= minimumMs) {
    return {};
  }

  return { refresh: settings.minRefreshInterval };
}

/** Rule 6: `folderUid` wins over the deprecated `folderId`; empty means the root. */
function resolveFolder(org: OrgData, command: SaveCommand): Checked<string> {
  const folderNotFound = messageResponse(400, 'folder not found');
  if (command.folderUid !== '') {
    const exists = org.folders.has(command.folderUid);
    return exists ? passed(command.folderUid) : rejected(folderNotFound);
  }
  if (command.folderId > 0) {
    const folder = findFolderById(org, command.folderId);
    return folder === undefined ? rejected(folderNotFound) : passed(folder.uid);
  }

  return passed('');
}

/** Rules 7–14: which dashboard is replaced, and whether replacing it is allowed. */
function findTarget(
  context: RouteContext,
  save: SaveRequest,
): Checked<SaveTarget> {
  const found = findExisting(context.org, save.fields);
  if (found.status === 'rejected') {
    return found;
  }
  const existing = found.value;
  const overwrite = save.command.overwrite;
  if (existing !== undefined && existing.version !== save.fields.version && !overwrite) {
    const message = 'The dashboard has been changed by someone else';
    return rejected(statusResponse(412, 'version-mismatch', message));
  }
  if (existing?.pluginId !== undefined && !overwrite) {
    const message = `The dashboard belongs to plugin ${existing.pluginId}.`;
    return rejected(statusResponse(412, 'plugin-dashboard', message));
  }

  const target = applyTitleRule(context, { ...save, existing });
  if (target.status === 'rejected') {
    return target;
  }
  return checkLimits(context, { target: target.value, dashboard: save.command.dashboard });
}

/** Rule 7: by id first, then by uid; the two must not name different dashboards. */
function findExisting(
  org: OrgData,
  fields: DashboardFields,
): Checked<StoredDashboard | undefined> {
  const byId = fields.id > 0 ? findDashboardById(org, fields.id) : undefined;
  if (fields.id > 0 && byId === undefined) {
    return rejected(statusResponse(404, 'not-found', 'Dashboard not found'));
  }
  const byUid = fields.uid === '' ? undefined : org.dashboards.get(fields.uid);
  if (byId !== undefined && byUid !== undefined && byId !== byUid) {
    return rejected(messageResponse(400, 'A dashboard with the same uid already exists'));
  }

  return passed(byId ?? byUid);
}

/**
 * Rule 10, only with `uniqueTitles` (Grafana before 11.3): another dashboard with the same
 * title in the same folder is a 412, or with `overwrite` is taken over (its id and uid win);
 * a folder with that title in the same parent is a 400.
 */
function applyTitleRule(
  context: RouteContext,
  save: SaveRequest & { readonly existing: StoredDashboard | undefined },
): Checked<SaveTarget> {
  const ownUid = save.fields.uid !== '' ? save.fields.uid : save.existing?.uid ?? generateUid();
  const target = { existing: save.existing, uid: ownUid };
  if (!context.state.settings.uniqueTitles) {
    return passed(target);
  }
  const folderUid = save.folderUid;
  const namesake = [...context.org.dashboards.values()].find((dashboard) =>
    dashboard.folderUid === folderUid
    && dashboard.spec['title'] === save.fields.title
    && dashboard !== save.existing);
  if (namesake !== undefined && !save.command.overwrite) {
    const message = 'A dashboard with the same name in the folder already exists';
    return rejected(statusResponse(412, 'name-exists', message));
  }
  if (namesake !== undefined) {
    return passed({ existing: namesake, uid: namesake.uid });
  }

  const folderNamesake = [...context.org.folders.values()].some((folder) =>
    folder.parentUid === folderUid && folder.title === save.fields.title);
  if (folderNamesake) {
    const message = 'Dashboard name cannot be the same as folder';
    return rejected(statusResponse(400, 'name-match', message));
  }
  return passed(target);
}

/** Rules 12–14: provisioned dashboards, the quota, the size limit. */
function checkLimits(
  context: RouteContext,
  save: { readonly target: SaveTarget; readonly dashboard: JsonObject },
): Checked<SaveTarget> {
  const settings = context.state.settings;
  const existing = save.target.existing;
  if (existing?.provisioned === true) {
    return rejected(messageResponse(400, 'Cannot save provisioned dashboard'));
  }
  const quota = settings.dashboardQuota;
  if (existing === undefined && quota !== undefined && context.org.dashboards.size >= quota) {
    return rejected(messageResponse(403, 'Quota reached'));
  }
  const maxBytes = settings.maxDashboardBytes;
  if (maxBytes !== undefined && Buffer.byteLength(JSON.stringify(save.dashboard)) > maxBytes) {
    const megabytes = Math.round((maxBytes / bytesPerMegabyte) * 100) / 100;
    return rejected(messageResponse(413, `Dashboard is too large, max is ${megabytes} MB`));
  }

  return passed(save.target);
}
