/**
 * A pass-through HTTP proxy on 127.0.0.1 in front of the test registry that records every
 * request (method and path), so tests can prove what the cache saved: "a warm run downloads
 * no blob", "a pinned run makes no request at all".
 */
import http from 'node:http';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
}

export interface CountingProxy {
  /** `127.0.0.1:<port>`: use it as the registry host. */
  readonly host: string;
  readonly requests: readonly RecordedRequest[];
  /** Forgets the requests recorded so far. */
  clear(): void;
  stop(): Promise<void>;
}

/** Starts a proxy that forwards everything to `target` (`127.0.0.1:<port>`). */
export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const [targetHost, targetPort] = target.split(':');
  const requests: RecordedRequest[] = [];

  const server = http.createServer((incoming, outgoing) => {
    requests.push({ method: incoming.method ?? 'GET', path: incoming.url ?? '/' });
    const forwarded = http.request({
      host: targetHost,
      port: Number(targetPort),
      method: incoming.method,
      path: incoming.url,
      headers: { ...incoming.headers, host: target },
    }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    forwarded.on('error', () => {
      outgoing.writeHead(502);
      outgoing.end();
    });
    incoming.pipe(forwarded);
  });
  const port = await new Promise<number>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : 0);
    });
  });

  return {
    host: `127.0.0.1:${port}`,
    requests,
    clear: () => {
      requests.length = 0;
    },
    stop: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
