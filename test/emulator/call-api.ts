/** Test helper: one real HTTP call to the emulator, answered as status, parsed body, headers. */
import type { GrafanaEmulator } from './grafana-emulator.js';

/** How a test call authenticates. */
export type CallCredentials =
  | { readonly token: string }
  | { readonly login: string; readonly password: string }
  | { readonly authorization: string }
  | 'none';

/** One call. */
export interface ApiCall {
  /** Default GET. */
  readonly method?: string;
  /** Path and query, e.g. `/api/search?type=dash-db`. */
  readonly path: string;
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Sent as is, for malformed bodies. */
  readonly rawBody?: string;
  /** Default: the emulator's admin token. */
  readonly credentials?: CallCredentials;
  /** Sent as `X-Grafana-Org-Id`. */
  readonly orgId?: number | string;
}

/** The answer, with the body parsed as JSON when it is JSON. */
export interface ApiAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly contentType: string | null;
  readonly headers: Headers;
}

/** Sends the call with fetch and reads the whole answer. */
export async function callApi(
  emulator: Pick<GrafanaEmulator, 'url' | 'adminToken'>,
  call: ApiCall,
): Promise<ApiAnswer> {
  const headers: Record<string, string> = {};
  const authorization = authorizationHeader(call.credentials ?? { token: emulator.adminToken });
  if (authorization !== undefined) {
    headers['authorization'] = authorization;
  }
  if (call.orgId !== undefined) {
    headers['x-grafana-org-id'] = String(call.orgId);
  }
  const body = call.rawBody ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
  }

  const response = await fetch(`${emulator.url}${call.path}`, {
    method: call.method ?? 'GET',
    headers,
    body,
  });
  const text = await response.text();
  const contentType = response.headers.get('content-type');
  const isJson = contentType?.startsWith('application/json') === true && text !== '';
  const parsed: unknown = isJson ? JSON.parse(text) : text;
  return { status: response.status, body: parsed, contentType, headers: response.headers };
}

function authorizationHeader(credentials: CallCredentials): string | undefined {
  if (credentials === 'none') {
    return undefined;
  }
  if ('token' in credentials) {
    return `Bearer ${credentials.token}`;
  }
  if ('authorization' in credentials) {
    return credentials.authorization;
  }

  const pair = `${credentials.login}:${credentials.password}`;
  return `Basic ${Buffer.from(pair).toString('base64')}`;
}
