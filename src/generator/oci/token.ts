/**
 * Gets a Bearer token from a registry's token server, as the distribution token spec
 * describes (docker/distribution `docs/spec/auth/token.md`, `oauth.md`): a GET with
 * `service` and one `scope` per scope, with Basic credentials when we have them; or, for an
 * identity token, an OAuth2 POST with `grant_type=refresh_token`.
 */
import { DawgError } from '../../errors.js';
import type { RegistryCredentials } from './credentials.js';
import type { SendRequest } from './http-transport.js';
import { usesPlainHttp, type SchemeOptions } from './plain-http.js';
import { readBody } from './read-body.js';
import { parseWithSchema } from './schema.js';

export interface FetchTokenOptions extends SchemeOptions {
  /** The retry layer: token requests never carry registry auth. */
  readonly send: SendRequest;
  readonly realm: string;
  readonly service: string | undefined;
  readonly scopes: readonly string[];
  /** Undefined for an anonymous token. */
  readonly credentials: RegistryCredentials | undefined;
  /** Registry host, for messages. */
  readonly registry: string;
  readonly signal?: AbortSignal;
  readonly now?: () => number;
}

export interface BearerToken {
  readonly token: string;
  /** Clock time (ms) after which the token should not be used. */
  readonly expiresAtMs: number;
}

/** The spec's default lifetime when the server names none. */
const defaultLifetimeSeconds = 60;
/** Renew this long before expiry, so a token does not run out in flight. */
const renewMarginMs = 10_000;
/** Token answers are a few KB (cloud JWTs are the largest). */
const maxTokenResponseBytes = 1024 * 1024;
/** Identifies DAWG to OAuth2 token servers, which require a client id. */
const oauthClientId = 'dawg';

/**
 * Fetches a token for `scopes`.
 *
 * @throws DawgError `REGISTRY_AUTH` when the token server refuses the credentials,
 *   `REGISTRY` when its answer is unusable. Neither message holds a secret.
 */
export async function fetchToken(options: FetchTokenOptions): Promise<BearerToken> {
  const realm = parseRealm(options);
  const now = options.now ?? Date.now;
  const request = options.credentials?.secret.kind === 'identity-token'
    ? oauthRequest(realm, options, options.credentials.secret.token)
    : tokenRequest(realm, options);

  const response = await options.send(request);
  const text = new TextDecoder().decode(await readBody(response, {
    maxBytes: maxTokenResponseBytes,
    what: `token answer from ${realm.host}`,
  }));
  if (response.status === 401 || response.status === 403) {
    throw rejected(options, response.status);
  }
  if (!response.ok) {
    throw new DawgError('REGISTRY', `token server ${realm.host}${realm.pathname} for ` +
      `${options.registry} answered ${response.status}`);
  }

  const parsed = parseWithSchema('token', text);
  const token = 'value' in parsed ? parsed.value.token ?? parsed.value.access_token : undefined;
  if (token === undefined || token === '') {
    throw new DawgError('REGISTRY', `token server ${realm.host}${realm.pathname} for ` +
      `${options.registry} sent no token`);
  }
  const lifetimeSeconds = 'value' in parsed ? parsed.value.expires_in : undefined;
  const lifetimeMs = (lifetimeSeconds ?? defaultLifetimeSeconds) * 1000;
  return { token, expiresAtMs: now() + Math.max(0, lifetimeMs - renewMarginMs) };
}

function parseRealm(options: FetchTokenOptions): URL {
  let realm: URL;
  try {
    realm = new URL(options.realm);
  } catch {
    throw new DawgError('REGISTRY', `${options.registry} named token realm "${options.realm}", ` +
      'which is not a URL');
  }
  const isPlainAllowed = realm.protocol === 'http:' && usesPlainHttp(realm.host, options);
  if (realm.protocol !== 'https:' && !isPlainAllowed) {
    throw new DawgError('REGISTRY_AUTH', `${options.registry} sends its token realm over ` +
      `${realm.protocol}//${realm.host}; refusing to send credentials without TLS`, {
      hint: `list ${realm.host} in plainHttpHosts (--plain-http) if this is intended`,
    });
  }
  return realm;
}

function tokenRequest(realm: URL, options: FetchTokenOptions): Parameters<SendRequest>[0] {
  const url = new URL(realm);
  if (options.service !== undefined) {
    url.searchParams.set('service', options.service);
  }
  for (const scope of options.scopes) {
    url.searchParams.append('scope', scope);
  }
  const secret = options.credentials?.secret;
  const headers: Record<string, string> = secret?.kind === 'password'
    ? { authorization: basicAuthorization(secret.username, secret.password) }
    : {};
  return { method: 'GET', url, headers, signal: options.signal };
}

function oauthRequest(
  realm: URL,
  options: FetchTokenOptions,
  refreshToken: string,
): Parameters<SendRequest>[0] {
  const form = new URLSearchParams({
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: oauthClientId,
    service: options.service ?? '',
    scope: options.scopes.join(' '),
  });
  return {
    method: 'POST',
    url: realm,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
    signal: options.signal,
  };
}

/** `Basic base64(user:password)`. */
export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

function rejected(options: FetchTokenOptions, status: number): DawgError {
  const who = options.credentials === undefined
    ? 'anonymous access'
    : `the credentials from ${options.credentials.source}`;
  return new DawgError('REGISTRY_AUTH', `token server for ${options.registry} refused ${who} ` +
    `(${status})`, {
    hint: options.credentials === undefined
      ? 'log in with docker login, or set DAWG_REGISTRY_<HOST>_USERNAME and _PASSWORD'
      : 'check the username and password or token',
  });
}
