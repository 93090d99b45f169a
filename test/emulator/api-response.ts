/**
 * What a route answers, before it is written to the socket, and the error bodies Grafana
 * uses more than once. Every JSON answer carries `Content-Type: application/json`.
 */
import { randomInt } from 'node:crypto';

/** A response as data: a JSON body, a text body, or none (HEAD). */
export interface ApiResponse {
  readonly status: number;
  /** Serialised as JSON; undefined with `text` undefined sends no body. */
  readonly body?: unknown;
  /** A plain-text body instead of JSON. */
  readonly text?: string;
  /** Extra headers, e.g. `Retry-After`. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Indent the JSON two spaces, as Grafana does for `/api/health`. */
  readonly indent?: boolean;
}

/** A JSON response. */
export function jsonResponse(status: number, body: unknown): ApiResponse {
  return { status, body };
}

/** Grafana's plain error: `{"message": ...}`. */
export function messageResponse(status: number, message: string): ApiResponse {
  return { status, body: { message } };
}

/** Grafana's dashboard error with a status word: `{"status": ..., "message": ...}`. */
export function statusResponse(status: number, word: string, message: string): ApiResponse {
  return { status, body: { status: word, message } };
}

/** Grafana's structured error (errutil): message, messageId, statusCode and an empty traceID. */
export function structuredResponse(
  status: number,
  error: { readonly messageId: string; readonly message: string },
): ApiResponse {
  return {
    status,
    body: { message: error.message, messageId: error.messageId, statusCode: status, traceID: '' },
  };
}

/** The answer to an unknown route. */
export const routeNotFound: ApiResponse = messageResponse(404, 'Not found');

/** The answer to a body that is not JSON or lacks a required field. */
export const badRequestData: ApiResponse = jsonResponse(400, {
  message: 'bad request data',
  traceID: '',
});

/**
 * Grafana's RBAC denial: `permission` is the evaluator text, e.g.
 * `any of dashboards:create, dashboards:write`.
 */
export function accessDenied(permission: string): ApiResponse {
  return jsonResponse(403, {
    title: 'Access denied',
    message: "You'll need additional permissions to perform this action. "
      + `Permissions needed: ${permission}`,
    accessErrorId: `ACE${String(randomInt(0, 10_000_000_000)).padStart(10, '0')}`,
  });
}
