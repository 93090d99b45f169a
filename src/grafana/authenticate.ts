import { DawgError } from '../errors.js';
import type { HttpSend } from './http-transport.js';

/** How DAWG proves who it is to Grafana (grafana-api.md §1.1). */
export type GrafanaCredentials =
  /** A service-account token, sent as `Authorization: Bearer`. */
  | { readonly kind: 'token'; readonly token: string }
  /** A user's login and password, sent as HTTP Basic. */
  | { readonly kind: 'basic'; readonly user: string; readonly password: string };

/** Options of `withAuthentication`. */
export interface AuthenticationOptions {
  readonly credentials: GrafanaCredentials;
  /** Sent as `X-Grafana-Org-Id`. Default: the token's org, or the user's current org. */
  readonly orgId?: number;
}

/**
 * Picks the credentials from what the user gave: a token, or a user and a password, never both.
 * Throws USAGE when none or both are given, or when a user has no password.
 */
export function chooseCredentials(given: {
  readonly token?: string;
  readonly user?: string;
  readonly password?: string;
}): GrafanaCredentials {
  const token = emptyToUndefined(given.token);
  const user = emptyToUndefined(given.user);
  const password = emptyToUndefined(given.password);
  const hint = 'pass --grafana-token (GRAFANA_TOKEN), or --grafana-user and --grafana-password '
    + '(GRAFANA_USER, GRAFANA_PASSWORD)';

  if (token !== undefined && user !== undefined) {
    throw new DawgError('USAGE', 'both a Grafana token and a Grafana user were given', { hint });
  }
  if (token !== undefined) {
    return { kind: 'token', token };
  }
  if (user !== undefined && password !== undefined) {
    return { kind: 'basic', user, password };
  }
  const message = user === undefined
    ? 'no Grafana credentials were given'
    : `Grafana user ${user} was given without a password`;
  throw new DawgError('USAGE', message, { hint });
}

/** Wraps `send` so that every request carries the credentials and the org header. */
export function withAuthentication(send: HttpSend, options: AuthenticationOptions): HttpSend {
  const headers: Record<string, string> = {
    authorization: authorizationHeader(options.credentials),
  };
  if (options.orgId !== undefined) {
    headers['x-grafana-org-id'] = String(options.orgId);
  }

  return (httpRequest) =>
    send({ ...httpRequest, headers: { ...httpRequest.headers, ...headers } });
}

function authorizationHeader(credentials: GrafanaCredentials): string {
  if (credentials.kind === 'token') {
    return `Bearer ${credentials.token}`;
  }
  const pair = `${credentials.user}:${credentials.password}`;
  return `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
