import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake of the few GitHub REST API calls the Action makes (issue comments: list, create,
 * update), on 127.0.0.1 with a fresh port. It keeps comments per issue and records every
 * request, so tests can assert what was sent.
 */

export interface RecordedRequest {
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
  readonly authorization: string | undefined;
  readonly body: unknown;
}

export interface FakeComment {
  readonly id: number;
  body: string;
  readonly issueNumber: number;
}

export interface FakeGitHubOptions {
  /** The token the workflow has; any other Authorization is answered 401. */
  readonly token: string;
  /** Answer POST and PATCH with 403, as GitHub does for a fork's read-only token. */
  readonly readOnly?: boolean;
}

export interface FakeGitHub {
  /** `http://127.0.0.1:<port>`, for GITHUB_API_URL. */
  readonly url: string;
  readonly requests: readonly RecordedRequest[];
  readonly comments: readonly FakeComment[];
  /** Adds a comment as if someone else had written it. */
  addComment(issueNumber: number, body: string): FakeComment;
  close(): Promise<void>;
}

const commentsPath = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/;
const commentPath = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/;

export async function startFakeGitHub(options: FakeGitHubOptions): Promise<FakeGitHub> {
  const requests: RecordedRequest[] = [];
  const comments: FakeComment[] = [];
  let nextId = 1000;

  const addComment = (issueNumber: number, body: string): FakeComment => {
    const comment = { id: nextId, body, issueNumber };
    nextId += 1;
    comments.push(comment);
    return comment;
  };

  const server = createServer((request, response) => {
    void readBody(request).then((body) => {
      requests.push({
        method: request.method ?? '',
        url: request.url ?? '',
        authorization: request.headers.authorization,
        body,
      });
      answer({ request, response, body, comments, addComment, options });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    comments,
    addComment,
    close: () => new Promise((resolve, reject) => {
      server.close((error) => (error === undefined ? resolve() : reject(error)));
    }),
  };
}

interface Exchange {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly body: unknown;
  readonly comments: FakeComment[];
  readonly addComment: (issueNumber: number, body: string) => FakeComment;
  readonly options: FakeGitHubOptions;
}

function answer(exchange: Exchange): void {
  const { request, response, options } = exchange;
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');

  if (request.headers.authorization !== `Bearer ${options.token}`) {
    send(response, 401, { message: 'Bad credentials' });
    return;
  }
  if (request.method !== 'GET' && options.readOnly === true) {
    send(response, 403, { message: 'Resource not accessible by integration' });
    return;
  }

  const list = commentsPath.exec(url.pathname);
  if (list !== null && request.method === 'GET') {
    listComments(exchange, Number(list[3]), url);
    return;
  }
  if (list !== null && request.method === 'POST') {
    const comment = exchange.addComment(Number(list[3]), textOf(exchange.body));
    send(response, 201, toJson(comment));
    return;
  }
  const single = commentPath.exec(url.pathname);
  if (single !== null && request.method === 'PATCH') {
    updateComment(exchange, Number(single[3]));
    return;
  }
  send(response, 404, { message: 'Not Found' });
}

function listComments(exchange: Exchange, issueNumber: number, url: URL): void {
  const perPage = Number(url.searchParams.get('per_page') ?? '30');
  const page = Number(url.searchParams.get('page') ?? '1');
  const onIssue = exchange.comments.filter((comment) => comment.issueNumber === issueNumber);
  const slice = onIssue.slice((page - 1) * perPage, page * perPage);

  send(exchange.response, 200, slice.map(toJson));
}

function updateComment(exchange: Exchange, id: number): void {
  const comment = exchange.comments.find((candidate) => candidate.id === id);
  if (comment === undefined) {
    send(exchange.response, 404, { message: 'Not Found' });
    return;
  }
  comment.body = textOf(exchange.body);
  send(exchange.response, 200, toJson(comment));
}

function toJson(comment: FakeComment): object {
  return {
    id: comment.id,
    body: comment.body,
    html_url: `https://github.example/o/r/pull/${comment.issueNumber}#issuecomment-${comment.id}`,
    user: { login: 'github-actions[bot]', type: 'Bot' },
  };
}

function textOf(body: unknown): string {
  const text = (body as { body?: unknown } | undefined)?.body;
  return typeof text === 'string' ? text : '';
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : JSON.parse(text) as unknown;
}
