/**
 * Who is calling: service-account tokens (Bearer, or Basic with user `api_key`) bound to one
 * org, and users with passwords who belong to several orgs. The 401 bodies are Grafana's
 * (`pkg/services/authn/clients/api_key.go`, `password.go`).
 */
import { randomBytes } from 'node:crypto';

import { messageResponse, structuredResponse, type ApiResponse } from './api-response.js';

/** An org role; Viewers may read but not write. */
export type Role = 'Viewer' | 'Editor' | 'Admin';

/** The caller of one request, in the org the request acts on. */
export interface Identity {
  /** User login or service-account name, as Grafana shows it in `createdBy`. */
  readonly login: string;
  readonly orgId: number;
  readonly role: Role;
  readonly kind: 'user' | 'service-account';
}

/** A service-account token: its account name, org and role. */
export interface TokenRecord {
  readonly name: string;
  readonly orgId: number;
  readonly role: Role;
}

/** A user who logs in with a password and belongs to one or more orgs. */
export interface UserRecord {
  readonly password: string;
  readonly orgs: Map<number, Role>;
}

/** Known tokens and users, keyed by token and by login. */
export interface AuthRegistry {
  readonly tokens: Map<string, TokenRecord>;
  readonly users: Map<string, UserRecord>;
}

/** The outcome of checking a request's credentials. */
export type AuthOutcome =
  | { readonly status: 'authenticated'; readonly identity: Identity }
  | { readonly status: 'rejected'; readonly response: ApiResponse };

/** How a request authenticated, for the request log; never the secret itself. */
export type AuthKind = 'bearer' | 'basic' | 'none';

const unauthorized = messageResponse(401, 'Unauthorized');
const invalidToken = structuredResponse(401, {
  messageId: 'api-key.invalid',
  message: 'Invalid API key',
});
const organizationMismatch = structuredResponse(401, {
  messageId: 'api-key.organization-mismatch',
  message: 'API key does not belong to the requested organization',
});
const wrongPassword = structuredResponse(401, {
  messageId: 'password-auth.failed',
  message: 'Invalid username or password',
});

/** An empty registry. */
export function createAuthRegistry(): AuthRegistry {
  return { tokens: new Map(), users: new Map() };
}

/** Creates a `glsa_` service-account token for one org and returns it. */
export function addToken(
  registry: AuthRegistry,
  options: { readonly orgId: number; readonly role: Role },
): string {
  const token = `glsa_${randomBytes(16).toString('hex')}_${randomBytes(4).toString('hex')}`;

  registry.tokens.set(token, {
    name: `sa-${registry.tokens.size + 1}-${options.role.toLowerCase()}`,
    orgId: options.orgId,
    role: options.role,
  });
  return token;
}

/** Reads the scheme of an Authorization header. */
export function readAuthKind(authorization: string | undefined): AuthKind {
  const scheme = authorization?.split(' ', 1)[0]?.toLowerCase();
  if (scheme === 'bearer' || scheme === 'basic') {
    return scheme;
  }

  return 'none';
}

/**
 * Checks the credentials and picks the org: a token acts in its own org, and naming another
 * in `X-Grafana-Org-Id` is a 401; a user acts in the org named by the header, or else in the
 * lowest-numbered org they belong to. A user naming an org they do not belong to gets 401
 * "Unauthorized" (Grafana's exact answer there is unverified).
 */
export function authenticate(
  registry: AuthRegistry,
  request: { readonly authorization: string | undefined; readonly orgId: number | undefined },
): AuthOutcome {
  const [scheme, credential] = splitHeader(request.authorization);
  if (scheme === 'bearer') {
    return authenticateToken(registry, { token: credential, orgId: request.orgId });
  }
  if (scheme !== 'basic') {
    return { status: 'rejected', response: unauthorized };
  }

  const decoded = Buffer.from(credential, 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator < 0) {
    return { status: 'rejected', response: unauthorized };
  }
  const login = decoded.slice(0, separator);
  const password = decoded.slice(separator + 1);
  if (login === 'api_key') {
    return authenticateToken(registry, { token: password, orgId: request.orgId });
  }
  return authenticateUser(registry, { login, password, orgId: request.orgId });
}

function splitHeader(authorization: string | undefined): [string, string] {
  const value = authorization?.trim() ?? '';
  const space = value.indexOf(' ');
  if (space < 0) {
    return [value.toLowerCase(), ''];
  }

  return [value.slice(0, space).toLowerCase(), value.slice(space + 1).trim()];
}

function authenticateToken(
  registry: AuthRegistry,
  request: { readonly token: string; readonly orgId: number | undefined },
): AuthOutcome {
  const token = registry.tokens.get(request.token);
  if (token === undefined) {
    return { status: 'rejected', response: invalidToken };
  }
  if (request.orgId !== undefined && request.orgId !== token.orgId) {
    return { status: 'rejected', response: organizationMismatch };
  }

  const identity = {
    login: token.name,
    orgId: token.orgId,
    role: token.role,
    kind: 'service-account',
  } as const;
  return { status: 'authenticated', identity };
}

interface PasswordLogin {
  readonly login: string;
  readonly password: string;
  readonly orgId: number | undefined;
}

function authenticateUser(registry: AuthRegistry, request: PasswordLogin): AuthOutcome {
  const user = registry.users.get(request.login);
  if (user === undefined || user.password !== request.password) {
    return { status: 'rejected', response: wrongPassword };
  }

  const orgId = request.orgId ?? Math.min(...user.orgs.keys());
  const role = user.orgs.get(orgId);
  if (role === undefined) {
    return { status: 'rejected', response: unauthorized };
  }
  const identity = { login: request.login, orgId, role, kind: 'user' } as const;
  return { status: 'authenticated', identity };
}

/**
 * The same caller acting in another org (a k8s namespace): a user with their role there, or
 * undefined when they are not a member or the caller is a token of another org.
 */
export function identityInOrg(
  registry: AuthRegistry,
  request: { readonly identity: Identity; readonly orgId: number },
): Identity | undefined {
  const identity = request.identity;
  if (identity.orgId === request.orgId) {
    return identity;
  }
  const role = identity.kind === 'user'
    ? registry.users.get(identity.login)?.orgs.get(request.orgId)
    : undefined;

  return role === undefined ? undefined : { ...identity, orgId: request.orgId, role };
}
