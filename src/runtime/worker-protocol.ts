import type { ErrorCode } from '../errors.js';
import type { RunLimits } from './limits.js';
import type { CallingConvention, PreparedGenerator } from './prepare-generator.js';

/** What the pool posts to a sandbox worker: one render. */
export interface RunRequest {
  readonly taskId: number;
  readonly module: WebAssembly.Module;
  readonly convention: CallingConvention;
  readonly memoryPages: PreparedGenerator['memoryPages'];
  readonly input: string;
  readonly limits: RunLimits;
}

/** A DawgError as it crosses the thread boundary (classes do not survive structured clone). */
export interface SerializedError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly hint: string | undefined;
  readonly detail: string | undefined;
}

export type RunReply =
  | {
    readonly taskId: number;
    readonly status: 'succeeded';
    readonly output: string;
    readonly stderr: string;
    readonly durationMs: number;
  }
  | {
    readonly taskId: number;
    readonly status: 'failed';
    readonly error: SerializedError;
    readonly stderr: string;
    readonly durationMs: number;
  };
