import { DawgError } from '../errors.js';
import { gitHubValidators } from './schema.js';

/**
 * A minimal GitHub REST API client for the few calls the Action makes, authenticated with the
 * workflow token. The token goes only into the Authorization header; no message, log line or
 * error ever contains it.
 */

export type GitHubMethod = 'GET' | 'POST' | 'PATCH';

export interface GitHubRequest {
  readonly method: GitHubMethod;
  /** Path under the API root, e.g. `/repos/o/r/issues/1/comments`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number>>;
  /** Sent as JSON. */
  readonly body?: unknown;
}

export interface GitHubResponse {
  readonly status: number;
  /** The parsed JSON body; undefined when the response has none. */
  readonly body: unknown;
}

export interface GitHubClientOptions {
  /** `GITHUB_API_URL`: `https://api.github.com`, or `https://host/api/v3` on GitHub Server. */
  readonly apiUrl: string;
  readonly token: string;
  /** Per request. Default 30000. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export interface GitHubClient {
  /** Sends one request. Throws `GITHUB_API` on a non-2xx answer or a network failure. */
  request(request: GitHubRequest): Promise<GitHubResponse>;
}

/** GitHub answers in well under a second; 30 s covers a slow GitHub Server without hanging. */
export const defaultGitHubTimeoutMs = 30_000;
/**
 * A page of 100 comments of at most 65,536 characters each, in UTF-8 and JSON-escaped, stays
 * below this; anything larger is not a GitHub answer.
 */
export const maxGitHubResponseBytes = 32 * 1024 * 1024;
/** The REST API version the calls are written against. */
const apiVersion = '2022-11-28';

/** A client for `options.apiUrl`; nothing is sent until `request` is called. */
export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const root = options.apiUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? defaultGitHubTimeoutMs;

  return {
    async request(request) {
      const url = new URL(`${root}${request.path}`);
      for (const [name, value] of Object.entries(request.query ?? {})) {
        url.searchParams.set(name, String(value));
      }
      const response = await send(url, request, { ...options, timeoutMs });
      const body = await readJson(response, request);

      if (!response.ok) {
        throw responseError(request, response.status, body);
      }
      return { status: response.status, body };
    },
  };
}

async function send(
  url: URL,
  request: GitHubRequest,
  options: GitHubClientOptions & { readonly timeoutMs: number },
): Promise<Response> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal === undefined
    ? timeout
    : AbortSignal.any([options.signal, timeout]);
  const headers: Record<string, string> = {
    accept: 'application/vnd.github+json',
    authorization: `Bearer ${options.token}`,
    'user-agent': 'dawg-action',
    'x-github-api-version': apiVersion,
  };
  if (request.body !== undefined) {
    headers['content-type'] = 'application/json';
  }

  try {
    return await fetch(url, {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal,
      redirect: 'error',
    });
  } catch (error) {
    throw new DawgError('GITHUB_API', `${describe(request)} failed: ${reasonOf(error)}`, {
      cause: error,
    });
  }
}

/** fetch says only "fetch failed"; the reason (ECONNREFUSED, a timeout) is in its cause. */
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) {
    return String(error);
  }
  return error.cause instanceof Error ? error.cause.message : error.message;
}

async function readJson(response: Response, request: GitHubRequest): Promise<unknown> {
  const text = await readText(response, request);
  if (text.trim() === '') {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new DawgError(
      'GITHUB_API',
      `${describe(request)} answered ${response.status} with a body that is not JSON`,
      { cause: error },
    );
  }
}

async function readText(response: Response, request: GitHubRequest): Promise<string> {
  if (response.body === null) {
    return '';
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;

  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > maxGitHubResponseBytes) {
      await reader.cancel();
      throw new DawgError(
        'GITHUB_API',
        `${describe(request)} answered with more than ${maxGitHubResponseBytes} bytes`,
      );
    }
    text += decoder.decode(read.value, { stream: true });
  }

  return text + decoder.decode();
}

function responseError(request: GitHubRequest, status: number, body: unknown): DawgError {
  const validate = gitHubValidators().error;
  const message = validate(body) && body.message !== undefined ? `: ${body.message}` : '';

  return new DawgError('GITHUB_API', `${describe(request)} answered ${status}${message}`, {
    hint: hintFor(status),
  });
}

function hintFor(status: number): string | undefined {
  if (status === 401) {
    return 'the github-token input is missing or expired';
  }
  if (status === 403 || status === 404) {
    return 'give the workflow `permissions: pull-requests: write`; pull requests from forks '
      + 'get a read-only token';
  }
  return undefined;
}

function describe(request: GitHubRequest): string {
  return `GitHub API ${request.method} ${request.path}`;
}
