/** Reading `limit` and `page` query parameters the way Grafana's list endpoints do. */

/** Default page size of search and the folder list. */
export const defaultPageSize = 1_000;

/** `limit` as a positive integer; missing, invalid or below 1 means `defaultPageSize`. */
export function readLimit(query: URLSearchParams): number {
  const limit = Number.parseInt(query.get('limit') ?? '', 10);
  return Number.isInteger(limit) && limit >= 1 ? limit : defaultPageSize;
}

/** `page`, 1-based; missing, invalid or below 1 means 1. */
export function readPage(query: URLSearchParams): number {
  const page = Number.parseInt(query.get('page') ?? '', 10);
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

/** The items of one 1-based page. */
export function selectPage<T>(items: readonly T[], paging: { limit: number; page: number }): T[] {
  const start = (paging.page - 1) * paging.limit;
  return items.slice(start, start + paging.limit);
}
