/** Walking the folder tree of one org: ancestors, depth and everything below a folder. */
import type { OrgData, StoredFolder } from './store.js';

/** The folder's ancestors, root first, not including the folder itself. */
export function findAncestors(org: OrgData, folder: StoredFolder): StoredFolder[] {
  const ancestors: StoredFolder[] = [];
  const seen = new Set([folder.uid]);
  let parent = org.folders.get(folder.parentUid);

  while (parent !== undefined && !seen.has(parent.uid)) {
    ancestors.unshift(parent);
    seen.add(parent.uid);
    parent = org.folders.get(parent.parentUid);
  }
  return ancestors;
}

/** The depth of a folder: 1 at the root, one more per level below. */
export function folderDepth(org: OrgData, folder: StoredFolder): number {
  return findAncestors(org, folder).length + 1;
}

/** The uids of the folder and every folder below it. */
export function collectSubtree(org: OrgData, rootUid: string): Set<string> {
  const subtree = new Set([rootUid]);
  let grew = true;

  while (grew) {
    grew = false;
    for (const folder of org.folders.values()) {
      if (subtree.has(folder.parentUid) && !subtree.has(folder.uid)) {
        subtree.add(folder.uid);
        grew = true;
      }
    }
  }
  return subtree;
}

/** The folder's title, "General" for the root. */
export function folderTitle(org: OrgData, folderUid: string): string {
  return org.folders.get(folderUid)?.title ?? 'General';
}
