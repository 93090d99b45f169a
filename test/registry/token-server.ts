/**
 * A small Bearer token server for the test registry (docker/distribution token spec): it
 * signs RS256 JWTs whose `x5c` header carries a throwaway self-signed certificate that the
 * registry trusts through `rootcertbundle`. Known users with the right password get pull and
 * push on every repository they ask for; anonymous callers get pull on `public/*` only; a
 * wrong password gets 401. Every request is recorded.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID, sign } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';

import { requireProgram } from './require-program.js';

export interface TokenRequestRecord {
  readonly method: string;
  /** Basic user name, or undefined when anonymous. */
  readonly username: string | undefined;
  readonly scopes: readonly string[];
  readonly status: number;
  /** Form field names of an OAuth2 POST, values left out. */
  readonly grantType: string | undefined;
}

export interface TokenServer {
  readonly realm: string;
  readonly service: string;
  readonly issuer: string;
  readonly certificateFile: string;
  readonly requests: readonly TokenRequestRecord[];
  /** A refresh token the server accepts as an identity token (OAuth2 POST). */
  readonly refreshToken: string;
  stop(): Promise<void>;
}

const service = 'dawg-test-registry';
const issuer = 'dawg-test-issuer';
const tokenLifetimeSeconds = 300;

/** Creates a key and certificate in `directory` and serves `/token` on 127.0.0.1. */
export async function startTokenServer(options: {
  readonly directory: string;
  readonly users: Readonly<Record<string, string>>;
}): Promise<TokenServer> {
  requireProgram('openssl', 'openssl');
  const keyFile = path.join(options.directory, 'token.key');
  const certificateFile = path.join(options.directory, 'token.crt');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile,
    '-out', certificateFile, '-days', '2', '-subj', '/CN=dawg-test-token-issuer'], {
    stdio: 'ignore',
  });
  const key = await readFile(keyFile, 'utf8');
  const certificate = await readFile(certificateFile, 'utf8');
  const x5c = certificate.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
  const refreshToken = `refresh-${randomUUID()}`;
  const requests: TokenRequestRecord[] = [];

  const server = http.createServer((request, response) => {
    collectBody(request).then((body) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const form = new URLSearchParams(request.method === 'POST' ? body : '');
      const scopes = request.method === 'POST'
        ? (form.get('scope') ?? '').split(' ').filter((scope) => scope !== '')
        : url.searchParams.getAll('scope');
      const caller = identify(request.headers.authorization, form, {
        users: options.users,
        refreshToken,
      });
      const status = caller === 'rejected' ? 401 : 200;
      requests.push({
        method: request.method ?? 'GET',
        username: typeof caller === 'string' ? undefined : caller.username,
        scopes,
        status,
        grantType: form.get('grant_type') ?? undefined,
      });
      if (caller === 'rejected') {
        response.writeHead(401, { 'content-type': 'application/json' });
        response.end('{"details":"invalid credentials"}');
        return;
      }

      const access = scopes.flatMap((scope) => grant(scope, caller !== 'anonymous'));
      const token = signToken({ key, x5c, subject: caller === 'anonymous' ? '' : caller.username,
        access });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({
        token,
        access_token: token,
        expires_in: tokenLifetimeSeconds,
        issued_at: new Date().toISOString(),
      }));
    }, () => {
      response.writeHead(500);
      response.end();
    });
  });
  const port = await new Promise<number>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : 0);
    });
  });

  return {
    realm: `http://127.0.0.1:${port}/token`,
    service,
    issuer,
    certificateFile,
    requests,
    refreshToken,
    stop: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

type Caller = 'anonymous' | 'rejected' | { readonly username: string };

function identify(
  authorization: string | undefined,
  form: URLSearchParams,
  known: { readonly users: Readonly<Record<string, string>>; readonly refreshToken: string },
): Caller {
  if (form.get('grant_type') === 'refresh_token') {
    return form.get('refresh_token') === known.refreshToken
      ? { username: Object.keys(known.users)[0] ?? 'refresh' }
      : 'rejected';
  }
  if (authorization === undefined) {
    return 'anonymous';
  }
  const decoded = Buffer.from(authorization.replace(/^Basic\s+/i, ''), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const username = decoded.slice(0, colon);
  return colon > 0 && known.users[username] === decoded.slice(colon + 1)
    ? { username }
    : 'rejected';
}

function grant(scope: string, isAuthenticated: boolean): object[] {
  const [type, name, actions] = scope.split(':');
  if (type !== 'repository' || name === undefined || actions === undefined) {
    return [];
  }
  const wanted = actions.split(',');
  const allowed = isAuthenticated
    ? wanted.filter((action) => action === 'pull' || action === 'push')
    : wanted.filter((action) => action === 'pull' && name.startsWith('public/'));
  return allowed.length === 0 ? [] : [{ type, name, actions: allowed }];
}

function signToken(options: {
  key: string;
  x5c: string;
  subject: string;
  access: readonly object[];
}): string {
  const now = Math.floor(Date.now() / 1000);
  const header = { typ: 'JWT', alg: 'RS256', x5c: [options.x5c] };
  const claims = {
    iss: issuer,
    aud: service,
    sub: options.subject,
    iat: now,
    nbf: now - 10,
    exp: now + tokenLifetimeSeconds,
    jti: randomUUID(),
    access: options.access,
  };
  const unsigned = `${base64Url(JSON.stringify(header))}.${base64Url(JSON.stringify(claims))}`;
  const signature = sign('RSA-SHA256', Buffer.from(unsigned), options.key);
  return `${unsigned}.${signature.toString('base64url')}`;
}

function base64Url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function collectBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
