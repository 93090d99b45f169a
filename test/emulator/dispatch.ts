/**
 * Answers one request from the route table: unknown routes get 404 before any credential
 * check (as in Grafana, where auth is per route); then authentication, org selection, the
 * Viewer write ban, and the handler.
 */
import { accessDenied, routeNotFound, type ApiResponse } from './api-response.js';
import { authenticate, identityInOrg, type Identity } from './auth.js';
import type { EmulatorState } from './emulator-state.js';
import { parseNamespace } from './k8s-namespace.js';
import { statusFailure } from './k8s-status.js';
import { matchRoute, type RequestBody, type Route, type SignedInRoute } from './route.js';

/** A request as the router sees it. */
export interface IncomingRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly authorization: string | undefined;
  readonly orgId: number | undefined;
  readonly body: RequestBody;
}

/** Routes the request and returns the answer. */
export function dispatchRequest(
  request: IncomingRequest,
  server: { readonly state: EmulatorState; readonly routes: readonly Route[] },
): ApiResponse {
  const { state, routes } = server;
  const match = matchRoute(routes, request);
  if (match === undefined) {
    return routeNotFound;
  }
  const route = match.route;
  if (route.access === 'public') {
    return route.handle({ state, method: request.method });
  }

  const caller = findCaller(state, { route, params: match.params, request });
  if (caller.status === 'rejected') {
    return caller.response;
  }
  const org = state.store.orgs.get(caller.identity.orgId);
  if (org === undefined) {
    return routeNotFound;
  }
  return route.handle({
    state,
    identity: caller.identity,
    org,
    method: request.method,
    params: match.params,
    query: request.query,
    body: request.body,
  });
}

type Caller =
  | { readonly status: 'allowed'; readonly identity: Identity }
  | { readonly status: 'rejected'; readonly response: ApiResponse };

function findCaller(
  state: EmulatorState,
  call: {
    readonly route: SignedInRoute;
    readonly params: Readonly<Record<string, string>>;
    readonly request: IncomingRequest;
  },
): Caller {
  const { route, request } = call;
  const k8s = route.family === 'k8s';
  // The k8s API takes the org from the namespace and ignores X-Grafana-Org-Id.
  const outcome = authenticate(state.auth, {
    authorization: request.authorization,
    orgId: k8s ? undefined : request.orgId,
  });
  if (outcome.status === 'rejected') {
    return outcome;
  }
  const identity = k8s
    ? identityInNamespace(state, { identity: outcome.identity, params: call.params })
    : outcome.identity;
  if (identity === undefined) {
    const message = 'the caller may not access this namespace';
    return { status: 'rejected', response: statusFailure('Forbidden', { message }) };
  }

  if (route.access === 'write' && identity.role === 'Viewer') {
    return { status: 'rejected', response: denyWrite(route) };
  }
  return { status: 'allowed', identity };
}

function identityInNamespace(
  state: EmulatorState,
  call: { readonly identity: Identity; readonly params: Readonly<Record<string, string>> },
): Identity | undefined {
  const orgId = parseNamespace(call.params['namespace'] ?? '');
  if (orgId === undefined || !state.store.orgs.has(orgId)) {
    return undefined;
  }

  return identityInOrg(state.auth, { identity: call.identity, orgId });
}

function denyWrite(route: SignedInRoute): ApiResponse {
  const permission = route.permission ?? 'dashboards:write';
  if (route.family === 'legacy') {
    return accessDenied(permission);
  }

  const message = `the caller lacks ${permission} in this namespace`;
  return statusFailure('Forbidden', { message });
}
