import pLimit from 'p-limit';

import { DawgError, toDawgError } from '../errors.js';
import { isValidGrafanaUid } from '../render/dashboard-uid.js';
import type { CallOptions, GrafanaClient } from './client.js';
import { compareText } from './compare-text.js';
import {
  createdFolderUid,
  folderReferenceKey,
  parseFolderReference,
  type FolderReference,
} from './folder-reference.js';
import { rootFolder, type FolderTarget, type PlannedFolder } from './folder-target.js';
import type { FolderBody } from './schema.js';

/** Where one `spec.folder` value leads, and which folders must be created for it. */
export type FolderResolution =
  | {
    readonly status: 'resolved';
    readonly target: FolderTarget;
    /** Folders to create first, parents before children; empty when the folder exists. */
    readonly creates: readonly PlannedFolder[];
  }
  | { readonly status: 'failed'; readonly error: DawgError };

/** Options of `resolveFolders`. */
export interface ResolveFoldersOptions extends CallOptions {
  /** Folder reads in flight at once. Default 8. */
  readonly concurrency?: number;
}

/** Folders listed per request; Grafana's default page. */
const folderPageSize = 1000;
/** 100 pages of 1 000 is far more folders than one parent holds; beyond that, stop. */
const maxFolderPages = 100;
const defaultConcurrency = 8;

/**
 * Finds the folder each `spec.folder` value names (keyed by `folderReferenceKey`). A single
 * word is a uid when such a folder exists, else a title at the root; a path is walked title by
 * title from the root. What does not exist is planned for creation under a uid derived from
 * its path. A title shared by two folders under one parent is an error (name it by uid).
 * Only reads: nothing is created here.
 */
export async function resolveFolders(
  folders: readonly (string | undefined)[],
  client: GrafanaClient,
  options: ResolveFoldersOptions = {},
): Promise<Map<string, FolderResolution>> {
  const lookup = createFolderLookup(client, options);
  const limit = pLimit(options.concurrency ?? defaultConcurrency);
  const references = new Map<string, FolderReference>();
  for (const folder of folders) {
    references.set(folderReferenceKey(folder), parseFolderReference(folder));
  }

  const entries = await Promise.all([...references].map(([key, reference]) =>
    limit(async (): Promise<[string, FolderResolution]> => {
      try {
        return [key, await resolveReference(reference, lookup)];
      } catch (error) {
        return [key, { status: 'failed', error: toDawgError(error, 'GRAFANA') }];
      }
    })));
  return new Map(entries);
}

/** Every distinct folder to create, parents first, each once. */
export function collectPlannedFolders(
  resolutions: Iterable<FolderResolution>,
): PlannedFolder[] {
  const byUid = new Map<string, PlannedFolder>();
  for (const resolution of resolutions) {
    if (resolution.status === 'resolved') {
      for (const folder of resolution.creates) {
        byUid.set(folder.uid, folder);
      }
    }
  }
  return [...byUid.values()].sort((a, b) => a.depth - b.depth || compareText(a.path, b.path));
}

interface FolderLookup {
  byUid(uid: string): Promise<FolderBody | undefined>;
  childrenOf(parentUid: string | undefined): Promise<FolderBody[]>;
}

async function resolveReference(
  reference: FolderReference,
  lookup: FolderLookup,
): Promise<FolderResolution> {
  if (reference.kind === 'root') {
    return { status: 'resolved', target: rootFolder, creates: [] };
  }
  if (reference.kind === 'uid-or-title' && isValidGrafanaUid(reference.text)) {
    const folder = await lookup.byUid(reference.text);
    if (folder !== undefined) {
      return { status: 'resolved', target: { uid: folder.uid, path: folder.title }, creates: [] };
    }
  }

  const titles = reference.kind === 'path' ? reference.titles : [reference.text];
  return walkTitles(titles, lookup);
}

/** Follows `titles` down from the root; the first missing level starts the planned creations. */
async function walkTitles(
  titles: readonly string[],
  lookup: FolderLookup,
): Promise<FolderResolution> {
  let parentUid: string | undefined;

  for (const [index, title] of titles.entries()) {
    const prefix = titles.slice(0, index + 1);
    const existing = await findChild(lookup, parentUid, title, prefix);
    if (existing === undefined) {
      return planCreations(titles, index, parentUid);
    }
    parentUid = existing.uid;
  }
  return {
    status: 'resolved',
    target: { uid: parentUid ?? '', path: titles.join('/') },
    creates: [],
  };
}

async function findChild(
  lookup: FolderLookup,
  parentUid: string | undefined,
  title: string,
  prefix: readonly string[],
): Promise<FolderBody | undefined> {
  const matches = (await lookup.childrenOf(parentUid)).filter((folder) => folder.title === title);
  if (matches.length > 1) {
    const uids = matches.map((folder) => folder.uid).join(', ');
    throw new DawgError('GRAFANA_CONFLICT', `folder title "${prefix.join('/')}" is ambiguous: `
      + `folders ${uids} all carry it`, { hint: 'name the folder by uid in spec.folder' });
  }
  if (matches[0] !== undefined) {
    return matches[0];
  }

  // A folder DAWG created for this path keeps its uid even when someone renames it.
  return lookup.byUid(createdFolderUid(prefix));
}

function planCreations(
  titles: readonly string[],
  firstMissing: number,
  existingParentUid: string | undefined,
): FolderResolution {
  const creates: PlannedFolder[] = [];
  let parentUid = existingParentUid;

  for (let index = firstMissing; index < titles.length; index += 1) {
    const prefix = titles.slice(0, index + 1);
    const uid = createdFolderUid(prefix);
    creates.push({
      uid,
      title: titles[index] ?? '',
      parentUid,
      path: prefix.join('/'),
      depth: index + 1,
    });
    parentUid = uid;
  }
  return {
    status: 'resolved',
    target: { uid: parentUid ?? '', path: titles.join('/') },
    creates,
  };
}

/** Caches each folder and each listing, so that shared parents are read once. */
function createFolderLookup(client: GrafanaClient, options: CallOptions): FolderLookup {
  const folders = new Map<string, Promise<FolderBody | undefined>>();
  const children = new Map<string, Promise<FolderBody[]>>();

  return {
    byUid(uid) {
      const cached = folders.get(uid) ?? client.getFolder(uid, options);
      folders.set(uid, cached);
      return cached;
    },
    childrenOf(parentUid) {
      const key = parentUid ?? '';
      const cached = children.get(key) ?? listAll(client, parentUid, options);
      children.set(key, cached);
      return cached;
    },
  };
}

async function listAll(
  client: GrafanaClient,
  parentUid: string | undefined,
  options: CallOptions,
): Promise<FolderBody[]> {
  const all: FolderBody[] = [];

  for (let page = 1; page <= maxFolderPages; page += 1) {
    const batch = await client.listFolders({ parentUid, page, limit: folderPageSize }, options);
    all.push(...batch);
    if (batch.length < folderPageSize) {
      return all;
    }
  }
  throw new DawgError('GRAFANA', `more than ${maxFolderPages * folderPageSize} folders under `
    + `${parentUid ?? 'the root'}; DAWG stops listing there`, {
    hint: 'name the folder by uid in spec.folder',
  });
}
