/** `GET|HEAD /api/health` and `GET /healthz` (research note §1.4); no authentication. */
import type { ApiResponse } from './api-response.js';
import type { PublicRouteContext } from './route.js';

/** A commit id for the health body; Grafana reports its build's. */
const emulatorCommit = '0e1a2b3c4d';

/**
 * 200 with `database: "ok"`, or 503 with `database: "failing"` after `setHealth('failing')`.
 * The server leaves the body out for HEAD.
 */
export function getHealth(context: PublicRouteContext): ApiResponse {
  const status = context.state.health === 'ok' ? 200 : 503;
  const body = {
    database: context.state.health,
    version: context.state.settings.version,
    commit: emulatorCommit,
  };

  return { status, body, indent: true };
}

/** Liveness only: always 200 `Ok` as plain text. */
export function getLiveness(): ApiResponse {
  return { status: 200, text: 'Ok' };
}
