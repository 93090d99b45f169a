/**
 * An in-memory WASI preview1 layer: the only "host" a generator ever sees. Written by hand
 * rather than taken from node:wasi, which hands a module the host's stdio by default, cannot be
 * interrupted inside a blocking call, and is documented by Node as no sandbox. Nothing here
 * reaches a host file, descriptor, socket, clock or environment variable, and no call blocks.
 *
 * What a module gets: its config on stdin, stdout and stderr captured up to a cap, no
 * environment, the arguments ["generator"], a fake clock and seeded random bytes, and, for
 * reactors only, the read-only directory /dawg holding one file, `input`.
 */
import type { CallContext, WasiFunction } from './call-context.js';
import { FakeClock } from './clock.js';
import { errno } from './errno.js';
import { createFdCalls } from './fd-calls.js';
import { FdTable } from './fd-table.js';
import type { Preview1FunctionName } from './function-names.js';
import { GuestMemory, MemoryFault } from './guest-memory.js';
import { OutputCapture } from './output-capture.js';
import { createPathCalls } from './path-calls.js';
import { createPollOneoff } from './poll-oneoff.js';
import { createProcessCalls } from './process-calls.js';
import { SeededRandom } from './random.js';
import { ExitSignal, isStopSignal, type StopSignal } from './signals.js';
import { createSocketCalls } from './socket-calls.js';

/** Options of createPreview1: the config and the caps of one run. */
export interface Preview1Options {
  /** The config, readable on stdin and, with `preopenInput`, at /dawg/input. */
  readonly input: Uint8Array;
  /** Offer the directory /dawg holding the file `input` (the reactor convention). */
  readonly preopenInput: boolean;
  /** Cap on stdout plus stderr, in bytes. */
  readonly maxOutputBytes: number;
  /** Stderr kept for error messages, in bytes. */
  readonly maxStderrBytes: number;
}

/** One run's WASI layer: the import object, and what the run left behind. */
export interface Preview1 {
  /** The `wasi_snapshot_preview1` import object: every preview1 function. */
  readonly imports: Readonly<Record<Preview1FunctionName, (...args: unknown[]) => number>>;
  /** Gives the calls the instance's memory; until then they answer EFAULT. */
  bindMemory(memory: WebAssembly.Memory): void;
  stdout(): Uint8Array;
  stderr(): Uint8Array;
  /** The first exit, raise or output overflow, even if the module caught what was thrown. */
  stopSignal(): StopSignal | undefined;
  /** Forgets an exit with code 0, so a reactor's instance can go on after `_start`. */
  forgetCleanExit(): void;
}

/** Creates a fresh layer for one run. Never share one between runs. */
export function createPreview1(options: Preview1Options): Preview1 {
  const memory = new GuestMemory();
  const output = new OutputCapture(options);
  const context: CallContext = {
    memory,
    fds: new FdTable({ preopenInput: options.preopenInput }),
    output,
    input: options.input,
    clock: new FakeClock(),
    random: new SeededRandom(),
  };
  const calls: Record<Preview1FunctionName, WasiFunction> = {
    ...createProcessCalls(context),
    ...createFdCalls(context),
    ...createPathCalls(context),
    ...createPollOneoff(context),
    ...createSocketCalls(),
  };
  let stopped: StopSignal | undefined;

  /**
   * Once a module has exited, raised or overflowed, every later call stops it again: a module
   * that catches the first stop with `catch_all` gets no further with WASI.
   */
  const guard = (call: WasiFunction) => (...args: unknown[]): number => {
    if (stopped !== undefined) {
      throw stopped;
    }
    try {
      return call(...(args as never[]));
    } catch (error) {
      if (error instanceof MemoryFault) {
        return errno.fault;
      }
      if (isStopSignal(error)) {
        stopped = error;
      }
      throw error;
    }
  };
  const imports = Object.fromEntries(Object.entries(calls)
    .map(([name, call]) => [name, guard(call)])) as Preview1['imports'];

  return {
    imports,
    bindMemory: (bound) => memory.bind(bound),
    stdout: () => output.stdout(),
    stderr: () => output.stderr(),
    stopSignal: () => stopped,
    forgetCleanExit() {
      if (stopped instanceof ExitSignal && stopped.code === 0) {
        stopped = undefined;
      }
    },
  };
}
