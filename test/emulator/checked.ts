/** A step that either yields a value or rejects the request with Grafana's answer. */
import type { ApiResponse } from './api-response.js';

/** The outcome of one check on a request. */
export type Checked<T> =
  | { readonly status: 'ok'; readonly value: T }
  | { readonly status: 'rejected'; readonly response: ApiResponse };

/** A passed check. */
export function passed<T>(value: T): Checked<T> {
  return { status: 'ok', value };
}

/** A failed check, answered with `response`. */
export function rejected<T>(response: ApiResponse): Checked<T> {
  return { status: 'rejected', response };
}
