import { DawgError } from '../errors.js';
import type { DashboardModel } from './rendered-dashboard.js';
import { deriveDashboardUid, isValidGrafanaUid } from './dashboard-uid.js';

export interface CheckedDashboard {
  readonly uid: string;
  readonly title: string;
  /** The dashboard with `uid` set (derived when the generator set none). */
  readonly dashboard: DashboardModel;
}

/**
 * Checks what a generator printed: a JSON object with a non-empty `title` and, if present, a
 * valid Grafana `uid`. Throws a DawgError (OUTPUT_INVALID) saying what is wrong.
 */
export function checkDashboardOutput(
  output: string,
  identity: { readonly namespace: string | undefined; readonly name: string },
): CheckedDashboard {
  const parsed = parseJson(output);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalid(`output is ${describe(parsed)}, not a JSON object`);
  }

  const dashboard = parsed as Record<string, unknown>;
  const { title, uid } = dashboard;
  if (typeof title !== 'string' || title.trim() === '') {
    throw invalid('output has no title (a non-empty string is required)');
  }
  if (uid !== undefined && (typeof uid !== 'string' || !isValidGrafanaUid(uid))) {
    throw invalid(
      `output uid ${JSON.stringify(uid)} is not a Grafana uid`,
      'a uid is at most 40 characters of A-Z, a-z, 0-9, _ and -; '
        + 'leave it out to let DAWG derive one',
    );
  }

  const finalUid = typeof uid === 'string'
    ? uid
    : deriveDashboardUid(identity.namespace, identity.name);
  return { uid: finalUid, title, dashboard: { ...dashboard, uid: finalUid } };
}

function parseJson(output: string): unknown {
  if (output.trim() === '') {
    throw invalid('output is empty');
  }
  try {
    return JSON.parse(output) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw invalid(`output is not JSON: ${reason}`, undefined, excerpt(output));
  }
}

function invalid(message: string, hint?: string, detail?: string): DawgError {
  return new DawgError('OUTPUT_INVALID', message, { hint, detail });
}

function describe(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  return Array.isArray(value) ? 'a JSON array' : `a JSON ${typeof value}`;
}

/** The start of a bad output, enough to see what went wrong without flooding the log. */
function excerpt(output: string): string {
  const limit = 200;
  return output.length <= limit ? output : `${output.slice(0, limit)}…`;
}
