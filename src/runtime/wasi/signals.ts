/** Thrown by proc_exit to unwind the module; the runner turns it into an exit code. */
export class ExitSignal {
  constructor(readonly code: number) {}
}

/** Thrown by fd_write past the output cap; unwinds the module like a trap. */
export class OutputLimitSignal {
  constructor(readonly limitBytes: number) {}
}

/** Thrown by proc_raise: a generator that raises a signal has crashed. */
export class RaiseSignal {
  constructor(readonly signal: number) {}
}
