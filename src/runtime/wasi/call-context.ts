import type { FakeClock } from './clock.js';
import type { FdTable } from './fd-table.js';
import type { Preview1FunctionName } from './function-names.js';
import type { GuestMemory } from './guest-memory.js';
import type { OutputCapture } from './output-capture.js';
import type { SeededRandom } from './random.js';

/** The state of one run that the WASI calls share. Made fresh for every run. */
export interface CallContext {
  readonly memory: GuestMemory;
  readonly fds: FdTable;
  readonly output: OutputCapture;
  /** The config: what stdin and /dawg/input read. */
  readonly input: Uint8Array;
  readonly clock: FakeClock;
  readonly random: SeededRandom;
}

/** A WASI function as the module calls it: i32 and i64 arguments in, an errno out. */
export type WasiFunction = (...args: never[]) => number;

/** The WASI functions named `Name`, as one group of calls provides them. */
export type WasiFunctions<Name extends Preview1FunctionName> = Record<Name, WasiFunction>;
