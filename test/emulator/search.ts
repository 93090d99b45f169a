/**
 * `GET /api/search` (research note §4): a bare array of hits, folders first, then by title
 * without regard to case; tags sorted inside each hit; root items without folder keys. The
 * `sort`, `starred` and deprecated id parameters are not supported and are ignored.
 */
import { jsonResponse, messageResponse, type ApiResponse } from './api-response.js';
import { dashboardTitle, dashboardUrl } from './dashboard-view.js';
import { folderUrl } from './folder-view.js';
import { readLimit, readPage, selectPage } from './paging.js';
import type { RouteContext } from './route.js';
import { slugifyTitle } from './slug.js';
import type { OrgData, StoredDashboard, StoredFolder } from './store.js';

/** Grafana refuses larger pages with 422. */
const maxSearchLimit = 5_000;

/** One search hit before filtering. */
interface SearchItem {
  readonly type: 'dash-db' | 'dash-folder';
  readonly uid: string;
  readonly title: string;
  readonly tags: readonly string[];
  /** The containing folder, empty at the root. */
  readonly folderUid: string;
  readonly searchableFromMs: number;
  readonly hit: Record<string, unknown>;
}

/** The filters of one search request. */
interface SearchFilter {
  readonly type: string | null;
  readonly query: string;
  readonly tags: readonly string[];
  readonly folderUids: readonly string[] | undefined;
  readonly dashboardUids: readonly string[] | undefined;
  readonly nowMs: number;
}

/** Handles `GET /api/search`. */
export function searchDashboards(context: RouteContext): ApiResponse {
  const query = context.query;
  if (Number.parseInt(query.get('limit') ?? '', 10) > maxSearchLimit) {
    const message = `Limit is above maximum allowed (${maxSearchLimit}), `
      + 'use page parameter to access hits beyond limit';
    return messageResponse(422, message);
  }
  const filter = readFilter(context);

  const items = listItems(context.org).filter((item) => matchesFilter(item, filter));
  items.sort(compareItems);
  const page = selectPage(items, { limit: readLimit(query), page: readPage(query) });
  return jsonResponse(200, page.map((item) => item.hit));
}

function readFilter(context: RouteContext): SearchFilter {
  const query = context.query;
  const folderUids = query.getAll('folderUIDs').map((uid) => (uid === 'general' ? '' : uid));
  const dashboardUids = [...query.getAll('dashboardUIDs'), ...query.getAll('dashboardUID')];

  return {
    type: query.get('type'),
    query: (query.get('query') ?? '').toLowerCase(),
    tags: query.getAll('tag'),
    folderUids: query.has('folderUIDs') ? folderUids : undefined,
    dashboardUids: dashboardUids.length > 0 ? dashboardUids : undefined,
    nowMs: context.state.store.nowMs(),
  };
}

function matchesFilter(item: SearchItem, filter: SearchFilter): boolean {
  const typeMatches = filter.type !== 'dash-db' && filter.type !== 'dash-folder'
    || filter.type === item.type;

  return typeMatches
    && item.searchableFromMs <= filter.nowMs
    && item.title.toLowerCase().includes(filter.query)
    && filter.tags.every((tag) => item.tags.includes(tag))
    && (filter.folderUids === undefined || filter.folderUids.includes(item.folderUid))
    && (filter.dashboardUids === undefined || filter.dashboardUids.includes(item.uid));
}

function compareItems(left: SearchItem, right: SearchItem): number {
  if (left.type !== right.type) {
    return left.type === 'dash-folder' ? -1 : 1;
  }

  const byTitle = compareText(left.title.toLowerCase(), right.title.toLowerCase());
  return byTitle !== 0 ? byTitle : compareText(left.uid, right.uid);
}

/** Code-point order, the same on every machine whatever its locale. */
function compareText(left: string, right: string): number {
  if (left === right) {
    return 0;
  }

  return left < right ? -1 : 1;
}

function listItems(org: OrgData): SearchItem[] {
  const folders = [...org.folders.values()].map((folder) => folderItem(org, folder));
  const dashboards = [...org.dashboards.values()]
    .map((dashboard) => dashboardItem(org, dashboard));

  return [...folders, ...dashboards];
}

function dashboardItem(org: OrgData, dashboard: StoredDashboard): SearchItem {
  const title = dashboardTitle(dashboard.spec);
  const tags = readTags(dashboard.spec['tags']);
  const slug = slugifyTitle(title);
  const hit = {
    id: dashboard.id,
    uid: dashboard.uid,
    orgId: org.id,
    title,
    uri: `db/${slug}`,
    url: dashboardUrl(dashboard),
    slug,
    type: 'dash-db',
    tags,
    isStarred: false,
    ...folderKeys(org, dashboard.folderUid),
    sortMeta: 0,
    isDeleted: false,
  };

  return {
    type: 'dash-db',
    uid: dashboard.uid,
    title,
    tags,
    folderUid: dashboard.folderUid,
    searchableFromMs: dashboard.searchableFromMs,
    hit,
  };
}

function folderItem(org: OrgData, folder: StoredFolder): SearchItem {
  const slug = slugifyTitle(folder.title);
  const hit = {
    id: folder.id,
    uid: folder.uid,
    orgId: org.id,
    title: folder.title,
    uri: `db/${slug}`,
    url: folderUrl(folder),
    slug,
    type: 'dash-folder',
    tags: [],
    isStarred: false,
    ...folderKeys(org, folder.parentUid),
    sortMeta: 0,
    isDeleted: false,
  };

  return {
    type: 'dash-folder',
    uid: folder.uid,
    title: folder.title,
    tags: [],
    folderUid: folder.parentUid,
    searchableFromMs: folder.searchableFromMs,
    hit,
  };
}

/** `folderId`, `folderUid`, `folderTitle`, `folderUrl`, left out at the root. */
function folderKeys(org: OrgData, folderUid: string): Record<string, unknown> {
  const folder = org.folders.get(folderUid);
  if (folder === undefined) {
    return {};
  }

  return {
    folderId: folder.id,
    folderUid: folder.uid,
    folderTitle: folder.title,
    folderUrl: folderUrl(folder),
  };
}

function readTags(tags: unknown): string[] {
  if (!Array.isArray(tags)) {
    return [];
  }

  return tags.filter((tag): tag is string => typeof tag === 'string').sort();
}
