/**
 * `/api/folders` (research note §5): list the children of one parent, get, create (nested
 * with `parentUid`, up to `maxFolderDepth` levels), update with a version check, and delete
 * with everything inside.
 */
import {
  badRequestData,
  jsonResponse,
  messageResponse,
  statusResponse,
  structuredResponse,
  type ApiResponse,
} from './api-response.js';
import { passed, rejected, type Checked } from './checked.js';
import { collectSubtree, folderDepth } from './folder-tree.js';
import { viewFolder, viewFolderListItem } from './folder-view.js';
import { isJsonObject, type JsonObject } from './json-value.js';
import { readLimit, readPage, selectPage } from './paging.js';
import type { RouteContext } from './route.js';
import type { StoredFolder } from './store.js';
import { findUidProblem, generateUid } from './uid.js';

const folderNotFound = statusResponse(404, 'not-found', 'folder not found');
const emptyTitle = messageResponse(400, 'folder title cannot be empty');
const sameNameMessage =
  'a folder or dashboard in the general folder with the same name already exists';
const depthReached = structuredResponse(400, {
  messageId: 'folder.maximum-depth-reached',
  message: 'Maximum nested folder depth reached',
});

/** Handles `GET /api/folders`: the immediate children of `parentUid` (root if omitted). */
export function listFolders(context: RouteContext): ApiResponse {
  const parentUid = context.query.get('parentUid') ?? '';
  const children = [...context.org.folders.values()]
    .filter((folder) => folder.parentUid === parentUid)
    .sort(compareByTitle);

  const page = selectPage(children, {
    limit: readLimit(context.query),
    page: readPage(context.query),
  });
  return jsonResponse(200, page.map(viewFolderListItem));
}

/** Handles `GET /api/folders/:uid`. */
export function getFolder(context: RouteContext): ApiResponse {
  const folder = context.org.folders.get(context.params['uid'] ?? '');
  if (folder === undefined) {
    return folderNotFound;
  }

  return jsonResponse(200, viewFolder(context.org, folder, { role: context.identity.role }));
}

/** Handles `POST /api/folders`. */
export function createFolder(context: RouteContext): ApiResponse {
  const fields = readFolderFields(context);
  if (fields.status === 'rejected') {
    return fields.response;
  }
  const { uid, title, parentUid, description } = fields.value;
  const placement = checkPlacement(context, { uid, title, parentUid });
  if (placement.status === 'rejected') {
    return placement.response;
  }

  const store = context.state.store;
  const now = store.timestamp();
  const folder: StoredFolder = {
    id: store.nextId(),
    uid: uid === '' ? generateUid() : uid,
    title,
    description,
    parentUid,
    version: 1,
    created: now,
    updated: now,
    createdBy: context.identity.login,
    updatedBy: context.identity.login,
    searchableFromMs: store.nowMs() + context.state.settings.searchDelayMs,
  };
  context.org.folders.set(folder.uid, folder);
  return jsonResponse(200, viewFolder(context.org, folder, { role: context.identity.role }));
}

/** Handles `PUT /api/folders/:uid`: title and description, checked against `version`. */
export function updateFolder(context: RouteContext): ApiResponse {
  const folder = context.org.folders.get(context.params['uid'] ?? '');
  if (folder === undefined) {
    return folderNotFound;
  }
  const body = context.body.status === 'json' ? context.body.value : undefined;
  if (!isJsonObject(body)) {
    return badRequestData;
  }
  const title = typeof body['title'] === 'string' ? body['title'].trim() : folder.title;
  if (title === '') {
    return emptyTitle;
  }
  if (body['overwrite'] !== true && body['version'] !== folder.version) {
    const message = 'the folder has been changed by someone else';
    return statusResponse(412, 'version-mismatch', message);
  }

  folder.title = title;
  folder.description = readText(body, 'description') ?? folder.description;
  folder.version += 1;
  folder.updated = context.state.store.timestamp();
  folder.updatedBy = context.identity.login;
  folder.searchableFromMs = context.state.store.nowMs() + context.state.settings.searchDelayMs;
  return jsonResponse(200, viewFolder(context.org, folder, { role: context.identity.role }));
}

/** Handles `DELETE /api/folders/:uid`, removing the folders and dashboards inside it. */
export function deleteFolder(context: RouteContext): ApiResponse {
  const folder = context.org.folders.get(context.params['uid'] ?? '');
  if (folder === undefined) {
    return folderNotFound;
  }

  const subtree = collectSubtree(context.org, folder.uid);
  for (const dashboard of [...context.org.dashboards.values()]) {
    if (subtree.has(dashboard.folderUid)) {
      context.org.dashboards.delete(dashboard.uid);
    }
  }
  for (const uid of subtree) {
    context.org.folders.delete(uid);
  }
  return jsonResponse(200, { message: 'Folder deleted' });
}

interface FolderFields {
  readonly uid: string;
  readonly title: string;
  readonly parentUid: string;
  readonly description: string;
}

function readFolderFields(context: RouteContext): Checked<FolderFields> {
  const body = context.body.status === 'json' ? context.body.value : undefined;
  if (!isJsonObject(body)) {
    return rejected(badRequestData);
  }
  const title = readText(body, 'title')?.trim() ?? '';
  const uid = readText(body, 'uid')?.trim() ?? '';
  if (title === '') {
    return rejected(emptyTitle);
  }
  const uidProblem = findUidProblem(uid);
  if (uidProblem !== undefined) {
    return rejected(messageResponse(400, uidProblem));
  }

  const parentUid = readText(body, 'parentUid') ?? '';
  return passed({ uid, title, parentUid, description: readText(body, 'description') ?? '' });
}

/** The parent must exist and not be too deep; the uid (and, before 11.3, title) must be free. */
function checkPlacement(
  context: RouteContext,
  folder: { readonly uid: string; readonly title: string; readonly parentUid: string },
): Checked<undefined> {
  const settings = context.state.settings;
  const parent = context.org.folders.get(folder.parentUid);
  if (folder.parentUid !== '' && parent === undefined) {
    return rejected(folderNotFound);
  }
  if (parent !== undefined && folderDepth(context.org, parent) + 1 > settings.maxFolderDepth) {
    return rejected(depthReached);
  }
  if (context.org.folders.has(folder.uid)) {
    return rejected(duplicateUid(settings.folderDuplicateStatus));
  }
  const sameTitle = [...context.org.folders.values()].some((other) =>
    other.parentUid === folder.parentUid && other.title === folder.title);
  if (settings.uniqueTitles && sameTitle) {
    return rejected(messageResponse(409, sameNameMessage));
  }

  return passed(undefined);
}

function duplicateUid(status: 409 | 412): ApiResponse {
  if (status === 412) {
    return statusResponse(412, 'version-mismatch', 'the folder has been changed by someone else');
  }

  return messageResponse(409, 'a folder/dashboard with the same uid already exists');
}

function readText(body: JsonObject, key: string): string | undefined {
  const value = body[key];
  return typeof value === 'string' ? value : undefined;
}

function compareByTitle(left: StoredFolder, right: StoredFolder): number {
  const leftTitle = left.title.toLowerCase();
  const rightTitle = right.title.toLowerCase();
  if (leftTitle === rightTitle) {
    return left.uid < right.uid ? -1 : 1;
  }

  return leftTitle < rightTitle ? -1 : 1;
}
