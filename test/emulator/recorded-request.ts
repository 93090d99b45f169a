/** The request log: one entry per request, in arrival order, never holding a secret. */
import type { AuthKind } from './auth.js';

/** One request the emulator received and how it answered. */
export interface RecordedRequest {
  readonly method: string;
  /** The path without the query string. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** The `X-Grafana-Org-Id` header as a number, when sent as an integer. */
  readonly orgId: number | undefined;
  /** How the caller authenticated; the token or password is never kept. */
  readonly auth: AuthKind;
  /** The body parsed as JSON; undefined when empty or not JSON. */
  readonly body: unknown;
  /** The status sent; 0 when an injected fault reset the connection instead. */
  readonly status: number;
}

/** A log entry while its response is being decided. */
export type PendingRequest = { -readonly [Key in keyof RecordedRequest]: RecordedRequest[Key] };

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** True for requests that may change data: POST, PUT, PATCH and DELETE. */
export function isWriteRequest(request: RecordedRequest): boolean {
  return writeMethods.has(request.method);
}
