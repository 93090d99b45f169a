/** The shape of one API route and the context its handler receives. */
import type { ApiResponse } from './api-response.js';
import type { Identity } from './auth.js';
import type { EmulatorState } from './emulator-state.js';
import type { OrgData } from './store.js';

/** The request body as the route sees it. */
export type RequestBody =
  | { readonly status: 'empty' }
  | { readonly status: 'json'; readonly value: unknown }
  | { readonly status: 'invalid' };

/** What a handler of a signed-in route gets. */
export interface RouteContext {
  readonly state: EmulatorState;
  readonly identity: Identity;
  /** The org the request acts on (the caller's, or the one the k8s namespace names). */
  readonly org: OrgData;
  readonly method: string;
  /** Path parameters, already URL-decoded. */
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly body: RequestBody;
}

/** What a handler of a public route (health) gets. */
export interface PublicRouteContext {
  readonly state: EmulatorState;
  readonly method: string;
}

/** A route open to anyone. */
export interface PublicRoute {
  readonly access: 'public';
  readonly methods: readonly string[];
  /** Segments, with `:name` for a parameter, e.g. `/api/dashboards/uid/:uid`. */
  readonly pattern: string;
  handle(context: PublicRouteContext): ApiResponse;
}

/** A route for signed-in callers. */
export interface SignedInRoute {
  readonly access: 'read' | 'write';
  readonly methods: readonly string[];
  readonly pattern: string;
  /**
   * The RBAC evaluator text a Viewer is told they lack, e.g.
   * `any of dashboards:create, dashboards:write`; required for `write` routes.
   */
  readonly permission?: string;
  /** `k8s` routes answer denials as k8s Status objects and take the org from the URL. */
  readonly family: 'legacy' | 'k8s';
  handle(context: RouteContext): ApiResponse;
}

/** Any route. */
export type Route = PublicRoute | SignedInRoute;

/** Finds the route for a method and path, with its decoded parameters. */
export function matchRoute(
  routes: readonly Route[],
  request: { readonly method: string; readonly path: string },
): { readonly route: Route; readonly params: Record<string, string> } | undefined {
  const segments = request.path.split('/');
  for (const route of routes) {
    if (!route.methods.includes(request.method)) {
      continue;
    }
    const params = matchPattern(route.pattern.split('/'), segments);
    if (params !== undefined) {
      return { route, params };
    }
  }

  return undefined;
}

function matchPattern(
  pattern: readonly string[],
  segments: readonly string[],
): Record<string, string> | undefined {
  if (pattern.length !== segments.length) {
    return undefined;
  }

  const params: Record<string, string> = {};
  for (const [index, part] of pattern.entries()) {
    const segment = segments[index] ?? '';
    if (part.startsWith(':') && segment !== '') {
      params[part.slice(1)] = decodeSegment(segment);
    } else if (part !== segment) {
      return undefined;
    }
  }
  return params;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
