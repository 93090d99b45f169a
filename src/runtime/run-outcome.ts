import type { DawgError } from '../errors.js';

/** One generator run: its output, or why it failed. `stderr` is kept either way. */
export type RunOutcome =
  | {
    readonly status: 'succeeded';
    readonly output: string;
    readonly stderr: string;
    readonly durationMs: number;
  }
  | {
    readonly status: 'failed';
    readonly error: DawgError;
    readonly stderr: string;
    readonly durationMs: number;
  };
