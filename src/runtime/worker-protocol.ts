/**
 * Messages between the sandbox pool and its worker threads. Errors cross as plain data: on
 * Node 20 a class instance sent with postMessage arrives as a plain object, losing its code.
 */
import type { ErrorCode } from '../errors.js';
import type { RunLimits } from './limits.js';
import type { RunnableGenerator } from './run-inline.js';

/** What the pool posts to a worker: one render. */
export interface RunRequest {
  readonly taskId: number;
  readonly generator: RunnableGenerator;
  readonly input: string;
  readonly limits: RunLimits;
}

/** A DawgError as it crosses the thread boundary. */
export interface SerializedError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly hint: string | undefined;
  readonly detail: string | undefined;
}

/** What a worker posts back: that it is ready for work, or how one render ended. */
export type WorkerMessage =
  | { readonly type: 'ready' }
  | {
    readonly type: 'succeeded';
    readonly taskId: number;
    readonly output: string;
    readonly stderr: string;
    readonly durationMs: number;
  }
  | {
    readonly type: 'failed';
    readonly taskId: number;
    readonly error: SerializedError;
    readonly stderr: string;
    readonly durationMs: number;
  };
