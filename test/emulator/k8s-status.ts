/** Kubernetes `Status` bodies, the error shape of the `/apis` endpoints (research note §7.3). */
import { jsonResponse, type ApiResponse } from './api-response.js';

/** The k8s reasons the emulator uses, with their HTTP status. */
const reasonStatus = {
  BadRequest: 400,
  Forbidden: 403,
  NotFound: 404,
  AlreadyExists: 409,
  Conflict: 409,
  Invalid: 422,
} as const;

/** A k8s failure reason. */
export type StatusReason = keyof typeof reasonStatus;

/** What a failure is about; by default a dashboard. */
export interface StatusFailure {
  readonly message: string;
  /** Object name; empty for the collection. */
  readonly name?: string;
  /** Default `dashboard.grafana.app`. */
  readonly group?: string;
  /** Default `dashboards`. */
  readonly kind?: string;
}

/** A failed k8s `Status`. */
export function statusFailure(reason: StatusReason, failure: StatusFailure): ApiResponse {
  const code = reasonStatus[reason];
  const details = {
    name: failure.name ?? '',
    group: failure.group ?? 'dashboard.grafana.app',
    kind: failure.kind ?? 'dashboards',
  };

  return jsonResponse(code, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: failure.message,
    reason,
    details,
    code,
  });
}

/** The `Status` answering a successful delete. */
export function statusDeleted(dashboard: {
  readonly name: string;
  readonly uid: string;
}): ApiResponse {
  return jsonResponse(200, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: {
      name: dashboard.name,
      group: 'dashboard.grafana.app',
      kind: 'dashboards',
      uid: dashboard.uid,
    },
  });
}
