/**
 * Injected faults: the next matching requests get a chosen status (429 with Retry-After, 5xx)
 * or a reset connection, `times` times, before the emulator answers normally again.
 */
import { STATUS_CODES } from 'node:http';

import type { ApiResponse } from './api-response.js';

interface FaultMatch {
  /** Only this method (any case); default any. */
  readonly method?: string;
  /** Only this path (exact, without query) or paths matching this pattern; default any. */
  readonly path?: string | RegExp;
  /** How many matching requests fail. Default 1. */
  readonly times?: number;
}

/** A fault to inject: an error status, or a connection closed without a response. */
export type Fault =
  | (FaultMatch & {
    readonly kind?: 'status';
    readonly status: number;
    /** Sent as the `Retry-After` header, e.g. `1` or an HTTP date. */
    readonly retryAfter?: string;
    /** JSON body; default `{"message": <reason phrase>}`. */
    readonly body?: unknown;
  })
  | (FaultMatch & { readonly kind: 'reset'; readonly status?: number });

/** What the server does instead of answering normally. */
export type FaultAction =
  | { readonly kind: 'respond'; readonly response: ApiResponse }
  | { readonly kind: 'reset' };

interface PendingFault {
  readonly fault: Fault;
  remaining: number;
}

/** The faults waiting for matching requests, consumed in the order they were injected. */
export interface FaultQueue {
  add(fault: Fault): void;
  /** Consumes one use of the first fault matching the request, if any. */
  take(request: { readonly method: string; readonly path: string }): FaultAction | undefined;
}

/** Creates an empty queue. */
export function createFaultQueue(): FaultQueue {
  const pending: PendingFault[] = [];

  return {
    add(fault) {
      pending.push({ fault: checkFault(fault), remaining: fault.times ?? 1 });
    },
    take(request) {
      const index = pending.findIndex((entry) => matchesFault(entry.fault, request));
      const entry = pending[index];
      if (entry === undefined) {
        return undefined;
      }

      entry.remaining -= 1;
      if (entry.remaining <= 0) {
        pending.splice(index, 1);
      }
      return toAction(entry.fault);
    },
  };
}

function checkFault(fault: Fault): Fault {
  const times = fault.times ?? 1;
  if (!Number.isInteger(times) || times < 1) {
    throw new Error(`Grafana emulator: fault times must be a positive integer, got ${times}`);
  }
  if (fault.kind !== 'reset' && !(fault.status >= 100 && fault.status <= 599)) {
    throw new Error(`Grafana emulator: fault status must be 100-599, got ${fault.status}`);
  }

  return fault;
}

function matchesFault(
  fault: Fault,
  request: { readonly method: string; readonly path: string },
): boolean {
  if (fault.method !== undefined && fault.method.toUpperCase() !== request.method) {
    return false;
  }
  if (typeof fault.path === 'string') {
    return fault.path === request.path;
  }
  if (fault.path instanceof RegExp) {
    // A global or sticky pattern remembers its last match; every request starts afresh.
    fault.path.lastIndex = 0;
    return fault.path.test(request.path);
  }

  return true;
}

function toAction(fault: Fault): FaultAction {
  if (fault.kind === 'reset') {
    return { kind: 'reset' };
  }

  const headers = fault.retryAfter === undefined ? undefined : { 'retry-after': fault.retryAfter };
  const body = fault.body ?? { message: STATUS_CODES[fault.status] ?? 'Error' };
  return { kind: 'respond', response: { status: fault.status, body, headers } };
}
