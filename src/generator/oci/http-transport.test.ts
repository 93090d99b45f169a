import { describe, expect, it } from 'vitest';

import { isDawgError } from '../../errors.js';
import { createHttpTransport, type FetchFunction } from './http-transport.js';

interface SeenRequest {
  readonly url: string;
  readonly authorization: string | undefined;
}

/** A fetch that answers from a script keyed by URL and records what it was sent. */
function scriptedFetch(script: Record<string, () => Response>) {
  const seen: SeenRequest[] = [];
  const fetchFunction: FetchFunction = (url, init) => {
    const headers = new Headers(init.headers);
    seen.push({ url, authorization: headers.get('authorization') ?? undefined });
    const answer = script[url];
    return answer === undefined
      ? Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }))
      : Promise.resolve(answer());
  };
  return { seen, fetchFunction };
}

function redirect(location: string, status = 307): Response {
  return new Response(null, { status, headers: { location } });
}

describe('createHttpTransport', () => {
  it('drops Authorization when a redirect leaves the registry origin', async () => {
    const { seen, fetchFunction } = scriptedFetch({
      'https://registry.example/v2/gen/blobs/sha256:1': () =>
        redirect('https://cdn.example/blob?signature=x'),
      'https://cdn.example/blob?signature=x': () => new Response('module'),
    });
    const send = createHttpTransport({ fetch: fetchFunction });

    const response = await send({
      method: 'GET',
      url: new URL('https://registry.example/v2/gen/blobs/sha256:1'),
      headers: { authorization: 'Bearer secret-token' },
    });

    expect(await response.text()).toBe('module');
    expect(seen).toEqual([
      {
        url: 'https://registry.example/v2/gen/blobs/sha256:1',
        authorization: 'Bearer secret-token',
      },
      { url: 'https://cdn.example/blob?signature=x', authorization: undefined },
    ]);
  });

  it('keeps Authorization on a redirect within the same origin', async () => {
    const { seen, fetchFunction } = scriptedFetch({
      'https://registry.example/a': () => redirect('/b'),
      'https://registry.example/b': () => new Response('ok'),
    });
    const send = createHttpTransport({ fetch: fetchFunction });

    await send({
      method: 'GET',
      url: new URL('https://registry.example/a'),
      headers: { authorization: 'Basic abc' },
    });

    expect(seen[1]).toEqual({ url: 'https://registry.example/b', authorization: 'Basic abc' });
  });

  it('refuses a redirect from HTTPS to plain HTTP on a public host', async () => {
    const { fetchFunction } = scriptedFetch({
      'https://registry.example/a': () => redirect('http://mirror.example/a'),
    });
    const send = createHttpTransport({ fetch: fetchFunction });

    const result = send({ method: 'GET', url: new URL('https://registry.example/a') });

    await expect(result).rejects.toMatchObject({ code: 'REGISTRY' });
  });

  it('stops after five redirects', async () => {
    const { fetchFunction } = scriptedFetch({
      'https://registry.example/loop': () => redirect('/loop'),
    });
    const send = createHttpTransport({ fetch: fetchFunction });

    const result = send({ method: 'GET', url: new URL('https://registry.example/loop') });

    await expect(result).rejects.toMatchObject({ code: 'REGISTRY' });
  });

  it('turns a refused connection into REGISTRY_UNREACHABLE naming host and code', async () => {
    const { fetchFunction } = scriptedFetch({});
    const send = createHttpTransport({ fetch: fetchFunction });

    const error = await send({ method: 'HEAD', url: new URL('http://127.0.0.1:9/v2/x') })
      .catch((caught: unknown) => caught);

    expect(isDawgError(error) && error.code).toBe('REGISTRY_UNREACHABLE');
    expect((error as Error).message).toContain('127.0.0.1:9');
    expect((error as Error).message).toContain('ECONNREFUSED');
  });
});
