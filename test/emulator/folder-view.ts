/** Folders as Grafana's `/api/folders` endpoints show them. */
import type { Role } from './auth.js';
import { findAncestors } from './folder-tree.js';
import { roleFlags } from './permissions.js';
import { slugifyTitle } from './slug.js';
import type { OrgData, StoredFolder } from './store.js';

/** `/dashboards/f/<uid>/<slug>`. */
export function folderUrl(folder: StoredFolder): string {
  return `/dashboards/f/${folder.uid}/${slugifyTitle(folder.title)}`;
}

/** One entry of `GET /api/folders`: id, uid, title, and parentUid when nested. */
export function viewFolderListItem(folder: StoredFolder): Record<string, unknown> {
  const item: Record<string, unknown> = { id: folder.id, uid: folder.uid, title: folder.title };
  if (folder.parentUid !== '') {
    item['parentUid'] = folder.parentUid;
  }

  return item;
}

/** The full folder object of `GET /api/folders/:uid`, with its parents when nested. */
export function viewFolder(
  org: OrgData,
  folder: StoredFolder,
  options: { readonly role: Role },
): Record<string, unknown> {
  const view = describeFolder(org, folder, options.role);
  if (folder.parentUid === '') {
    return view;
  }

  const parents = findAncestors(org, folder)
    .map((parent) => describeFolder(org, parent, options.role));
  return { ...view, parentUid: folder.parentUid, parents };
}

function describeFolder(org: OrgData, folder: StoredFolder, role: Role): Record<string, unknown> {
  return {
    id: folder.id,
    uid: folder.uid,
    orgId: org.id,
    title: folder.title,
    url: folderUrl(folder),
    hasAcl: false,
    ...roleFlags(role),
    createdBy: folder.createdBy,
    created: folder.created,
    updatedBy: folder.updatedBy,
    updated: folder.updated,
    version: folder.version,
  };
}
