import { DawgError } from '../errors.js';
import { silentLogger, type Logger } from '../log.js';
import { withAuthentication, type GrafanaCredentials } from './authenticate.js';
import {
  createHttpTransport,
  type HttpMethod,
  type HttpRequest,
  type HttpResponse,
  type HttpSend,
} from './http-transport.js';
import {
  describeRequest,
  parseBody,
  responseError,
  type RequestContext,
} from './response-error.js';
import { withRetry, type RetryOptions } from './retry.js';
import {
  grafanaValidators,
  type DashboardBody,
  type FolderBody,
  type HealthBody,
  type SaveResultBody,
  type SearchHitBody,
} from './schema.js';

/**
 * The Grafana client, in layers: HTTP with a deadline and a size cap, then retries with
 * backoff, then credentials and the org header, then the API calls below. Each call checks
 * the response against a schema and throws a DawgError naming method, path, status and the
 * server's message.
 */

/** Options of `createGrafanaClient`; only `url` and `credentials` are required. */
export interface GrafanaClientOptions {
  /** Grafana's URL, with its sub path when served under one. */
  readonly url: string;
  readonly credentials: GrafanaCredentials;
  /** Sent as `X-Grafana-Org-Id`. Default: the credentials' own org. */
  readonly orgId?: number;
  /** PEM certificates to trust for Grafana's TLS. */
  readonly ca?: string;
  /** Skip TLS certificate checks. Default false. */
  readonly insecure?: boolean;
  /** Deadline for one request. Default 30 000 ms. */
  readonly timeoutMs?: number;
  /** Retry policy for 429, 5xx and network failures. Default: 4 retries with backoff. */
  readonly retry?: RetryOptions;
  /** Refuse every write with an INTERNAL error: the guarantee behind `--dry-run`. */
  readonly readOnly?: boolean;
  readonly logger?: Logger;
}

/** Options every API call takes. */
export interface CallOptions {
  readonly signal?: AbortSignal;
}

/** The body of `POST /api/dashboards/db`, without `overwrite` (always false). */
export interface SaveDashboardRequest {
  readonly dashboard: Readonly<Record<string, unknown>>;
  /** Empty for the root ("General"). */
  readonly folderUid: string;
  /** The version-history note; Grafana keeps at most 500 characters. */
  readonly message: string;
}

/** What `POST /api/folders` did. */
export type CreateFolderResult =
  | { readonly status: 'created'; readonly folder: FolderBody }
  /** A folder with this uid exists already (409 or 412, depending on the version). */
  | { readonly status: 'exists' };

/** The Grafana API calls DAWG makes; every one throws a DawgError on failure. */
export interface GrafanaClient {
  /** The Grafana URL, for logs and reports. */
  readonly url: string;
  /** `GET /api/health`, without credentials. */
  health(options?: CallOptions): Promise<HealthBody>;
  /** One cheap authenticated read, to report bad credentials before anything else. */
  checkAccess(options?: CallOptions): Promise<void>;
  /** `GET /api/dashboards/uid/:uid`; undefined on 404. */
  getDashboard(uid: string, options?: CallOptions): Promise<DashboardBody | undefined>;
  /** One page of `GET /api/search?type=dash-db`, 1-based. */
  searchDashboards(
    query: { readonly tag?: string; readonly page: number; readonly limit: number },
    options?: CallOptions,
  ): Promise<SearchHitBody[]>;
  /** `POST /api/dashboards/db` without overwrite; the dashboard's `version` does the locking. */
  saveDashboard(request: SaveDashboardRequest, options?: CallOptions): Promise<SaveResultBody>;
  /** `DELETE /api/dashboards/uid/:uid`; 'missing' on 404. */
  deleteDashboard(uid: string, options?: CallOptions): Promise<'deleted' | 'missing'>;
  /** `GET /api/folders/:uid`; undefined on 404. */
  getFolder(uid: string, options?: CallOptions): Promise<FolderBody | undefined>;
  /** One page of the immediate children of `parentUid` (the root when undefined), 1-based. */
  listFolders(
    query: { readonly parentUid?: string; readonly page: number; readonly limit: number },
    options?: CallOptions,
  ): Promise<FolderBody[]>;
  /** `POST /api/folders`. */
  createFolder(
    folder: { readonly uid: string; readonly title: string; readonly parentUid?: string },
    options?: CallOptions,
  ): Promise<CreateFolderResult>;
  /** Closes the connections. */
  close(): Promise<void>;
}

/** Builds the client; no request is sent until a method is called. */
export function createGrafanaClient(options: GrafanaClientOptions): GrafanaClient {
  const logger = options.logger ?? silentLogger;
  const transport = createHttpTransport({
    url: options.url,
    timeoutMs: options.timeoutMs,
    ca: options.ca,
    insecure: options.insecure,
    logger,
  });
  const retrying = withRetry(transport.send, { logger, ...options.retry });
  const authenticated = withAuthentication(retrying, {
    credentials: options.credentials,
    orgId: options.orgId,
  });
  const api = createApiCalls({ anonymous: retrying, authenticated, readOnly: options.readOnly });

  return { url: options.url, ...api, close: () => transport.close() };
}

function createApiCalls(layers: {
  readonly anonymous: HttpSend;
  readonly authenticated: HttpSend;
  readonly readOnly: boolean | undefined;
}): Omit<GrafanaClient, 'url' | 'close'> {
  const validators = grafanaValidators();
  const call = makeCaller(layers);

  return {
    async health(options) {
      const context = { method: 'GET', path: '/api/health' } as const;
      const response = await call({ ...context, signal: options?.signal }, { anonymous: true });
      // A failing database answers 503 with the usual body; the caller reports it as such.
      const isUnhealthy = response.status === 503 && isHealthBody(response.text);
      return parseBody(isUnhealthy ? response : expectOk(response, context), validators.health,
        context);
    },

    async checkAccess(options) {
      const context = { method: 'GET', path: '/api/folders' } as const;
      const response = await call({ ...context, query: { limit: 1 }, signal: options?.signal });
      parseBody(expectOk(response, context), validators.folders, context);
    },

    async getDashboard(uid, options) {
      const context = { method: 'GET', path: dashboardPath(uid) } as const;
      const response = await call({ ...context, signal: options?.signal });
      if (response.status === 404) {
        return undefined;
      }
      return parseBody(expectOk(response, context), validators.dashboard, context);
    },

    async searchDashboards(query, options) {
      const context = { method: 'GET', path: '/api/search' } as const;
      const response = await call({
        ...context,
        query: { type: 'dash-db', tag: query.tag, page: query.page, limit: query.limit },
        signal: options?.signal,
      });
      return parseBody(expectOk(response, context), validators.searchHits, context);
    },

    async saveDashboard(request, options) {
      const uid = request.dashboard['uid'];
      const context = {
        method: 'POST',
        path: '/api/dashboards/db',
        subject: typeof uid === 'string' ? `uid ${uid}` : undefined,
      } as const;
      const response = await call({
        ...context,
        body: { ...request, overwrite: false },
        signal: options?.signal,
      });
      return parseBody(expectOk(response, context), validators.saveResult, context);
    },

    async deleteDashboard(uid, options) {
      const context = { method: 'DELETE', path: dashboardPath(uid) } as const;
      const response = await call({ ...context, signal: options?.signal });
      if (response.status === 404) {
        return 'missing';
      }
      expectOk(response, context);
      return 'deleted';
    },

    async getFolder(uid, options) {
      const context = { method: 'GET', path: `/api/folders/${encodeURIComponent(uid)}` } as const;
      const response = await call({ ...context, signal: options?.signal });
      if (response.status === 404) {
        return undefined;
      }
      return parseBody(expectOk(response, context), validators.folder, context);
    },

    async listFolders(query, options) {
      const context = { method: 'GET', path: '/api/folders' } as const;
      const response = await call({
        ...context,
        query: { parentUid: query.parentUid, page: query.page, limit: query.limit },
        signal: options?.signal,
      });
      return parseBody(expectOk(response, context), validators.folders, context);
    },

    async createFolder(folder, options) {
      const subject = `uid ${folder.uid}`;
      const context = { method: 'POST', path: '/api/folders', subject } as const;
      const response = await call({ ...context, body: folder, signal: options?.signal });
      if (response.status === 409 || response.status === 412) {
        return { status: 'exists' };
      }
      const created = parseBody(expectOk(response, context), validators.folder, context);
      return { status: 'created', folder: created };
    },
  };
}

type Caller = (
  request: HttpRequest & RequestContext,
  options?: { readonly anonymous?: boolean },
) => Promise<HttpResponse>;

/** Sends through the right layer and turns a failed exchange into a thrown DawgError. */
function makeCaller(layers: {
  readonly anonymous: HttpSend;
  readonly authenticated: HttpSend;
  readonly readOnly: boolean | undefined;
}): Caller {
  return async (request, options) => {
    if (layers.readOnly === true && isWrite(request.method)) {
      throw new DawgError('INTERNAL', `${describeRequest(request)} attempted in a read-only run`, {
        hint: 'this is a DAWG bug: a dry run must not write; please report it',
      });
    }
    const send = options?.anonymous === true ? layers.anonymous : layers.authenticated;

    const outcome = await send(request);
    if (outcome.status === 'failed') {
      throw outcome.error;
    }
    return outcome.response;
  };
}

function expectOk(response: HttpResponse, context: RequestContext): HttpResponse {
  if (response.status >= 200 && response.status < 300) {
    return response;
  }
  throw responseError(response, context);
}

function isHealthBody(text: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && 'database' in parsed;
  } catch {
    return false;
  }
}

function dashboardPath(uid: string): string {
  return `/api/dashboards/uid/${encodeURIComponent(uid)}`;
}

function isWrite(method: HttpMethod): boolean {
  return method !== 'GET';
}
