import type { ValidateFunction } from 'ajv';

import { DawgError, type ErrorCode } from '../errors.js';
import type { HttpResponse } from './http-transport.js';
import { grafanaValidators } from './schema.js';

/** What a Grafana request was, for messages: `POST /api/dashboards/db (uid shop_checkout)`. */
export interface RequestContext {
  readonly method: string;
  readonly path: string;
  /** What the request was about, e.g. `uid shop_checkout`. */
  readonly subject?: string;
}

/** The longest server message quoted in an error: enough for Grafana's, not for an HTML page. */
const maxQuotedLength = 300;

/**
 * The DawgError for a non-2xx response: the method, path, status and the server's own message,
 * with a code that says who must act (GRAFANA_AUTH, GRAFANA_CONFLICT, else GRAFANA) and a hint.
 */
export function responseError(response: HttpResponse, context: RequestContext): DawgError {
  const body = readErrorBody(response.text);
  const serverMessage = body.message ?? excerpt(response.text);
  const message = `${describeRequest(context)}: ${response.status} ${serverMessage}`.trimEnd();

  return new DawgError(codeFor(response.status), message, {
    hint: hintFor(response.status, body.messageId),
  });
}

/**
 * The body of a 2xx response, checked against `validate`. Throws GRAFANA when it is not JSON
 * or lacks a field DAWG needs, which usually means the URL points at something else.
 */
export function parseBody<T>(
  response: HttpResponse,
  validate: ValidateFunction<T>,
  context: RequestContext,
): T {
  const parsed = parseJson(response.text);
  if (parsed.ok && validate(parsed.value)) {
    return parsed.value;
  }

  const problem = parsed.ok
    ? `unexpected response (${validate.errors?.[0]?.instancePath ?? ''} ${
      validate.errors?.[0]?.message ?? 'invalid'})`
    : `response is not JSON: ${excerpt(response.text)}`;
  throw new DawgError('GRAFANA', `${describeRequest(context)}: ${problem}`, {
    hint: 'check that --grafana-url is the address of Grafana itself, with its sub path if any',
  });
}

/** `POST /api/dashboards/db (uid shop_checkout)`. */
export function describeRequest(context: RequestContext): string {
  const subject = context.subject === undefined ? '' : ` (${context.subject})`;
  return `${context.method} ${context.path}${subject}`;
}

function codeFor(status: number): ErrorCode {
  if (status === 401 || status === 403) {
    return 'GRAFANA_AUTH';
  }
  return status === 412 || status === 409 ? 'GRAFANA_CONFLICT' : 'GRAFANA';
}

function hintFor(status: number, messageId: string | undefined): string | undefined {
  if (messageId === 'api-key.organization-mismatch') {
    return 'the token belongs to another organisation: drop --org-id or use a token of that org';
  }
  if (messageId === 'password-auth.failed') {
    return 'check --grafana-user and --grafana-password (GRAFANA_USER, GRAFANA_PASSWORD)';
  }
  switch (status) {
    case 401:
      return 'check --grafana-token (GRAFANA_TOKEN): it may be wrong, expired or revoked';
    case 403:
      return 'the credentials lack a permission: writing dashboards needs the Editor role '
        + '(dashboards:create, dashboards:write, folders:create)';
    case 412:
      return 'someone changed the dashboard after the plan was made; run diff again';
    case 413:
      return 'the dashboard is larger than Grafana (or a proxy in front of it) accepts';
    default:
      return status >= 500 ? 'Grafana failed; try again later or check its log' : undefined;
  }
}

function readErrorBody(text: string): { message?: string; messageId?: string } {
  const parsed = parseJson(text);
  const validate = grafanaValidators().error;
  if (!parsed.ok || !validate(parsed.value)) {
    return {};
  }
  const { message, messageId } = parsed.value;
  return { message: message ?? undefined, messageId: messageId ?? undefined };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= maxQuotedLength ? flat : `${flat.slice(0, maxQuotedLength)}…`;
}
