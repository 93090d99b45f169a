import pLimit from 'p-limit';

import { DawgError, toDawgError } from '../errors.js';
import { silentLogger, type Logger } from '../log.js';
import type { CallOptions, GrafanaClient } from './client.js';
import { readLiveDashboard, type LiveDashboard } from './live-dashboard.js';
import { ownerTag } from './ownership.js';
import { resolveFolders, type FolderResolution } from './resolve-folders.js';

/** What Grafana holds for one rendered uid. */
export type LiveLookup =
  | { readonly status: 'found'; readonly dashboard: LiveDashboard }
  | { readonly status: 'missing' }
  | { readonly status: 'failed'; readonly error: DawgError };

/** Owned dashboards that no rendered dashboard names any more: the delete candidates. */
export type OrphanListing =
  | { readonly status: 'listed'; readonly dashboards: readonly LiveDashboard[] }
  /** Not looked for: the run covers only some manifests. */
  | { readonly status: 'not-listed' }
  | { readonly status: 'failed'; readonly error: DawgError };

/** Everything planning needs from Grafana, read before any write. */
export interface LiveState {
  /** One lookup per rendered uid. */
  readonly dashboards: ReadonlyMap<string, LiveLookup>;
  readonly orphans: OrphanListing;
  /** One resolution per `folderReferenceKey` of the rendered dashboards' `spec.folder`. */
  readonly folders: ReadonlyMap<string, FolderResolution>;
}

/** Options of `readLiveState`. */
export interface ReadLiveStateOptions extends CallOptions {
  /** The project identity ownership is judged from. */
  readonly source: string;
  /** The rendered uids. */
  readonly uids: readonly string[];
  /** Every `spec.folder` value of the rendered dashboards. */
  readonly folders: readonly (string | undefined)[];
  /** List owned dashboards to find delete candidates. Only for whole-project runs. */
  readonly listOrphans: boolean;
  /** Reads in flight at once. Default 8. */
  readonly concurrency?: number;
  /** The server's `min_refresh_interval`. Default `5s`. */
  readonly minRefreshInterval?: string;
  readonly logger?: Logger;
}

/** Hits per search page: well under Grafana's maximum of 5 000, cheap for it to serve. */
const searchPageSize = 1000;
/** 100 pages is 100 000 dashboards in one project; past that the listing is refused. */
const maxSearchPages = 100;
const defaultConcurrency = 8;

/**
 * Reads the live state a plan compares against: each rendered uid by `GET`, the folders that
 * `spec.folder` names, and (for whole-project runs) the owned dashboards found by the owner
 * tag, each confirmed by reading its own marker. A failed read is an outcome for that uid.
 */
export async function readLiveState(
  client: GrafanaClient,
  options: ReadLiveStateOptions,
): Promise<LiveState> {
  const limit = pLimit(options.concurrency ?? defaultConcurrency);
  const logger = options.logger ?? silentLogger;
  const read = (uid: string): Promise<LiveLookup> => limit(() => lookUp(client, uid, options));

  const [lookups, orphans, folders] = await Promise.all([
    Promise.all(options.uids.map(async (uid) => [uid, await read(uid)] as const)),
    options.listOrphans ? listOrphans(client, read, options) : notListed(),
    resolveFolders(options.folders, client, options),
  ]);

  logger.debug(`read ${lookups.length} dashboards and ${folders.size} folders from Grafana`, {
    grafana: client.url,
  });
  return { dashboards: new Map(lookups), orphans, folders };
}

async function lookUp(
  client: GrafanaClient,
  uid: string,
  options: ReadLiveStateOptions,
): Promise<LiveLookup> {
  try {
    const body = await client.getDashboard(uid, options);
    return body === undefined
      ? { status: 'missing' }
      : { status: 'found', dashboard: readLiveDashboard(body, options) };
  } catch (error) {
    options.signal?.throwIfAborted();
    return { status: 'failed', error: toDawgError(error, 'GRAFANA') };
  }
}

async function listOrphans(
  client: GrafanaClient,
  read: (uid: string) => Promise<LiveLookup>,
  options: ReadLiveStateOptions,
): Promise<OrphanListing> {
  const rendered = new Set(options.uids);
  let candidates: string[];
  try {
    candidates = (await searchOwned(client, options)).filter((uid) => !rendered.has(uid));
  } catch (error) {
    options.signal?.throwIfAborted();
    return { status: 'failed', error: toDawgError(error, 'GRAFANA') };
  }

  const lookups = await Promise.all(candidates.map(read));
  const dashboards: LiveDashboard[] = [];
  for (const lookup of lookups) {
    if (lookup.status === 'failed') {
      return { status: 'failed', error: lookup.error };
    }
    // The tag only nominates; the live object's own marker decides.
    if (lookup.status === 'found' && lookup.dashboard.ownership.owner === 'us') {
      dashboards.push(lookup.dashboard);
    }
  }
  return { status: 'listed', dashboards };
}

/** Uids of dashboards carrying this project's owner tag, page by page until a short page. */
async function searchOwned(
  client: GrafanaClient,
  options: ReadLiveStateOptions,
): Promise<string[]> {
  const tag = ownerTag(options.source);
  const uids = new Set<string>();

  for (let page = 1; page <= maxSearchPages; page += 1) {
    const hits = await client.searchDashboards({ tag, page, limit: searchPageSize }, options);
    for (const hit of hits) {
      uids.add(hit.uid);
    }
    if (hits.length < searchPageSize) {
      return [...uids];
    }
  }
  throw new DawgError('GRAFANA', `more than ${maxSearchPages * searchPageSize} dashboards carry `
    + `the tag ${tag}; DAWG stops listing there`);
}

async function notListed(): Promise<OrphanListing> {
  return { status: 'not-listed' };
}
