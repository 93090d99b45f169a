/**
 * What the WASI layer throws to stop a module. These are not Errors: they only unwind the wasm
 * stack back to the runner. A module built with exception handling can catch them with
 * `catch_all`, so the layer also records the first one and throws it again on every later call
 * (see preview1.ts); the runner reads the record, not the exception.
 */
export type StopSignal = ExitSignal | OutputLimitSignal | RaiseSignal;

/** proc_exit: the module asked to end with `code`. */
export class ExitSignal {
  constructor(readonly code: number) {}
}

/** fd_write past the output cap. */
export class OutputLimitSignal {
  constructor(readonly limitBytes: number) {}
}

/** proc_raise: a generator that raises a signal has crashed. */
export class RaiseSignal {
  constructor(readonly signal: number) {}
}

/** Whether `value` is one of the WASI layer's stop signals. */
export function isStopSignal(value: unknown): value is StopSignal {
  return value instanceof ExitSignal
    || value instanceof OutputLimitSignal
    || value instanceof RaiseSignal;
}
