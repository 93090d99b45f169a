import { describe, expect, it } from 'vitest';

import { isDawgError } from '../../errors.js';
import { mergeScopes, withAuth } from './auth-client.js';
import type { CredentialSource } from './credentials.js';
import type { HttpRequest, SendRequest } from './http-transport.js';

const registry = 'https://registry.example';
const realm = 'https://auth.example/token';

interface Exchange {
  readonly url: string;
  readonly authorization: string | undefined;
}

/** A registry that wants a token with `needed` scopes, and a token server that grants them. */
function bearerRegistry(needed: string) {
  const exchanges: Exchange[] = [];
  const send: SendRequest = (request: HttpRequest) => {
    const authorization = request.headers?.['authorization'];
    exchanges.push({ url: request.url.href, authorization });
    if (request.url.href.startsWith(realm)) {
      const scopes = request.url.searchParams.getAll('scope').join(' ');
      return Promise.resolve(Response.json({ token: `token-for(${scopes})`, expires_in: 300 }));
    }
    if (authorization === `Bearer token-for(${needed})`) {
      return Promise.resolve(new Response('ok'));
    }
    const header = `Bearer realm="${realm}",service="registry.example",scope="${needed}"`;
    return Promise.resolve(new Response(null, {
      status: 401,
      headers: { 'www-authenticate': header },
    }));
  };
  return { exchanges, send };
}

const anonymous: CredentialSource = () => Promise.resolve(undefined);

describe('withAuth', () => {
  it('answers a Bearer challenge with a token and reuses it for the next request', async () => {
    const scope = 'repository:gen:pull';
    const { exchanges, send } = bearerRegistry(scope);
    const authed = withAuth(send, { credentials: anonymous });
    const request = { method: 'GET' as const, url: new URL(`${registry}/v2/gen/manifests/v1`),
      scopes: [scope] };

    const first = await authed(request);
    const second = await authed(request);

    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(exchanges.map((exchange) => exchange.authorization)).toEqual([
      undefined,
      undefined,
      `Bearer token-for(${scope})`,
      `Bearer token-for(${scope})`,
    ]);
  });

  it('meets one challenge for a burst of concurrent first requests', async () => {
    const scope = 'repository:gen:pull';
    const { exchanges, send } = bearerRegistry(scope);
    const authed = withAuth(send, { credentials: anonymous });
    const request = { method: 'GET' as const, url: new URL(`${registry}/v2/gen/blobs/x`),
      scopes: [scope] };

    const responses = await Promise.all([1, 2, 3, 4, 5].map(() => authed(request)));

    expect(responses.every((response) => response.status === 200)).toBe(true);
    const unauthenticated = exchanges.filter((exchange) =>
      exchange.url.startsWith(registry) && exchange.authorization === undefined);
    expect(unauthenticated).toHaveLength(1);
    expect(exchanges.filter((exchange) => exchange.url.startsWith(realm))).toHaveLength(1);
  });

  it('asks for the union of scopes when the registry needs more than the request said',
    async () => {
      const needed = 'repository:gen:pull,push repository:other:pull';
      const { exchanges, send } = bearerRegistry(needed);
      const authed = withAuth(send, { credentials: anonymous });

      const response = await authed({
        method: 'POST',
        url: new URL(`${registry}/v2/gen/blobs/uploads/?mount=x&from=other`),
        scopes: ['repository:gen:pull,push'],
      });

      expect(response.status).toBe(200);
      const tokenRequest = new URL(exchanges[1]?.url ?? '');
      expect(tokenRequest.searchParams.getAll('scope')).toEqual([
        'repository:gen:pull,push',
        'repository:other:pull',
      ]);
    });

  it('sends Basic credentials after a Basic challenge and names their source on refusal',
    async () => {
      const send: SendRequest = () => Promise.resolve(new Response(null, {
        status: 401,
        headers: { 'www-authenticate': 'Basic realm="r"' },
      }));
      const credentials: CredentialSource = () => Promise.resolve({
        secret: { kind: 'password', username: 'u', password: 'hunter2' },
        source: 'DAWG_REGISTRY_USERNAME/DAWG_REGISTRY_PASSWORD',
      });

      const error = await withAuth(send, { credentials })({
        method: 'GET',
        url: new URL(`${registry}/v2/`),
      }).catch((caught: unknown) => caught);

      expect(isDawgError(error) && error.code).toBe('REGISTRY_AUTH');
      expect((error as Error).message).toContain('DAWG_REGISTRY_USERNAME');
      expect((error as Error).message).not.toContain('hunter2');
    });
});

describe('mergeScopes', () => {
  it('adds the challenge scopes to the requested ones, once each, sorted', () => {
    expect(mergeScopes(['repository:b:pull'], 'repository:a:pull repository:b:pull'))
      .toEqual(['repository:a:pull', 'repository:b:pull']);
  });
});
