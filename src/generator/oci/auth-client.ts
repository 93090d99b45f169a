/**
 * The auth layer: answers a registry's 401 challenge and retries once. Basic credentials are
 * then sent with every request to that registry; Bearer tokens are cached per scope set until
 * they expire, and a token for the union of scopes is fetched when the registry asks for more
 * (`error="insufficient_scope"`, or a cross-repository mount). Anonymous Bearer tokens are
 * fetched when there are no credentials.
 *
 * Credentials are looked up only when a registry asks, and never leave this layer except in
 * the Authorization header of a request to the registry's own origin or its token realm.
 */
import { DawgError } from '../../errors.js';
import { silentLogger, type Logger } from '../../log.js';
import { pickAuthChallenge, type AuthChallenge } from './auth-challenge.js';
import { maskSecret, type CredentialSource, type RegistryCredentials } from './credentials.js';
import type { HttpRequest, SendRequest } from './http-transport.js';
import type { SchemeOptions } from './plain-http.js';
import { registryErrorSummary } from './registry-error.js';
import { basicAuthorization, fetchToken, type BearerToken } from './token.js';

export interface AuthOptions extends SchemeOptions {
  readonly credentials: CredentialSource;
  /** Tokens are registered with it for masking when it is a MaskingLogger. */
  readonly logger?: Logger;
  /** Clock for token expiry. Default `Date.now`. */
  readonly now?: () => number;
}

interface RegistryAuthState {
  scheme: 'basic' | 'bearer' | undefined;
  challenge: AuthChallenge | undefined;
  readonly tokens: Map<string, BearerToken>;
  credentials: Promise<RegistryCredentials | undefined> | undefined;
  /** Settles once the first request to the registry has learned its auth scheme. */
  probe: Promise<void> | undefined;
}

/** Wraps the retry layer so that requests carry the right Authorization header. */
export function withAuth(send: SendRequest, options: AuthOptions): SendRequest {
  const now = options.now ?? Date.now;
  const states = new Map<string, RegistryAuthState>();
  const tokenRequests = new Map<string, Promise<BearerToken>>();

  const stateFor = (registry: string): RegistryAuthState => {
    const existing = states.get(registry);
    if (existing !== undefined) {
      return existing;
    }
    const created: RegistryAuthState = {
      scheme: undefined,
      challenge: undefined,
      tokens: new Map(),
      credentials: undefined,
      probe: undefined,
    };
    states.set(registry, created);
    return created;
  };

  const credentialsFor = (registry: string, state: RegistryAuthState) => {
    state.credentials ??= options.credentials(registry);
    return state.credentials;
  };

  const tokenFor = (
    request: HttpRequest,
    state: RegistryAuthState,
    scopes: readonly string[],
  ): Promise<BearerToken> => {
    const registry = request.url.host;
    const key = scopeKey(scopes);
    const cached = state.tokens.get(key);
    if (cached !== undefined && cached.expiresAtMs > now()) {
      return Promise.resolve(cached);
    }
    const inFlight = tokenRequests.get(`${registry} ${key}`);
    if (inFlight !== undefined) {
      return inFlight;
    }
    const fetched = requestToken(request, state, scopes).then((token) => {
      maskSecret(options.logger ?? silentLogger, token.token);
      state.tokens.set(key, token);
      return token;
    }).finally(() => tokenRequests.delete(`${registry} ${key}`));
    tokenRequests.set(`${registry} ${key}`, fetched);
    return fetched;
  };

  const requestToken = async (
    request: HttpRequest,
    state: RegistryAuthState,
    scopes: readonly string[],
  ): Promise<BearerToken> => {
    const registry = request.url.host;
    const credentials = await credentialsFor(registry, state);
    if (credentials?.secret.kind === 'registry-token') {
      return { token: credentials.secret.token, expiresAtMs: Number.POSITIVE_INFINITY };
    }
    const parameters = state.challenge?.parameters ?? {};
    const realm = parameters['realm'];
    if (realm === undefined) {
      throw new DawgError('REGISTRY', `${registry} asked for a Bearer token without a realm`);
    }
    return fetchToken({
      send,
      realm,
      service: parameters['service'],
      scopes,
      credentials,
      registry,
      signal: request.signal,
      plainHttpHosts: options.plainHttpHosts,
      insecureHosts: options.insecureHosts,
      now,
    });
  };

  const authorizationFor = async (
    request: HttpRequest,
    state: RegistryAuthState,
  ): Promise<string | undefined> => {
    if (state.scheme === 'basic') {
      const credentials = await credentialsFor(request.url.host, state);
      return credentials === undefined ? undefined : basicHeader(credentials);
    }
    if (state.scheme === 'bearer') {
      const token = await tokenFor(request, state, request.scopes ?? []);
      return `Bearer ${token.token}`;
    }
    return undefined;
  };

  const sendWith = (request: HttpRequest, authorization: string | undefined) =>
    send(authorization === undefined
      ? request
      : { ...request, headers: { ...request.headers, authorization } });

  const answer = async (request: HttpRequest, state: RegistryAuthState): Promise<Response> => {
    const sentAuthorization = await authorizationFor(request, state);
    const first = await sendWith(request, sentAuthorization);
    const challenge = first.status === 401
      ? pickAuthChallenge(first.headers.get('www-authenticate'))
      : undefined;
    if (challenge === undefined) {
      return first;
    }
    await first.body?.cancel();

    state.challenge = challenge;
    state.scheme = challenge.scheme === 'basic' ? 'basic' : 'bearer';
    const credentials = await credentialsFor(request.url.host, state);
    if (state.scheme === 'basic' && credentials === undefined) {
      throw missingCredentials(request);
    }
    const scopes = state.scheme === 'bearer'
      ? mergeScopes(request.scopes ?? [], challenge.parameters['scope'])
      : [];
    const retryAuthorization = state.scheme === 'basic' && credentials !== undefined
      ? basicHeader(credentials)
      : `Bearer ${(await tokenFor(request, state, scopes)).token}`;
    if (retryAuthorization === sentAuthorization) {
      throw await refused(request, first, credentials);
    }

    const second = await sendWith({ ...request, scopes }, retryAuthorization);
    if (second.status === 401) {
      throw await refused(request, second, credentials);
    }
    return second;
  };

  return async (request) => {
    const state = stateFor(request.url.host);
    const endProbe = await waitForProbe(state);
    try {
      return await answer(request, state);
    } finally {
      endProbe();
    }
  };
}

/**
 * The first request to a registry learns its auth scheme; requests starting meanwhile wait
 * for it, so that a burst of concurrent pulls meets one 401 challenge instead of one each.
 * Resolves to the function that ends the probe (a no-op for the waiters).
 */
async function waitForProbe(state: RegistryAuthState): Promise<() => void> {
  if (state.probe === undefined) {
    let release: () => void = () => undefined;
    state.probe = new Promise((resolve) => {
      release = resolve;
    });
    return release;
  }
  await state.probe;
  return () => undefined;
}

function basicHeader(credentials: RegistryCredentials): string | undefined {
  const secret = credentials.secret;
  return secret.kind === 'password'
    ? basicAuthorization(secret.username, secret.password)
    : undefined;
}

/** Scopes from the request plus those the challenge names, deduplicated and sorted. */
export function mergeScopes(
  requested: readonly string[],
  challenged: string | undefined,
): string[] {
  const fromChallenge = (challenged ?? '').split(' ').filter((scope) => scope !== '');
  return [...new Set([...requested, ...fromChallenge])].sort();
}

function scopeKey(scopes: readonly string[]): string {
  return [...scopes].sort().join(' ');
}

function missingCredentials(request: HttpRequest): DawgError {
  return new DawgError('REGISTRY_AUTH', `${request.url.host} requires credentials ` +
    `(${request.method} ${request.url.pathname}) and none were found`, {
    hint: 'run docker login, or set DAWG_REGISTRY_<HOST>_USERNAME and _PASSWORD',
  });
}

async function refused(
  request: HttpRequest,
  response: Response,
  credentials: RegistryCredentials | undefined,
): Promise<DawgError> {
  const summary = await registryErrorSummary(response);
  await response.body?.cancel().catch(() => undefined);
  const who = credentials === undefined
    ? 'anonymous access'
    : `the credentials from ${credentials.source}`;
  return new DawgError('REGISTRY_AUTH', `${request.url.host} refused ${who} ` +
    `(${request.method} ${request.url.pathname} → ${response.status}${summary})`, {
    hint: credentials === undefined
      ? 'run docker login, or set DAWG_REGISTRY_<HOST>_USERNAME and _PASSWORD'
      : 'check the username, password or token and the repository permissions',
  });
}
