/** The process calls: arguments, environment, clocks, random bytes, yield, exit and raise. */
import type { CallContext, WasiFunctions } from './call-context.js';
import { errno } from './errno.js';
import type { GuestMemory } from './guest-memory.js';
import { ExitSignal, RaiseSignal } from './signals.js';

/** The command line every generator sees; there are never arguments to read. */
const programArguments: readonly string[] = ['generator'];
/** The environment is always empty: no host variable (token, path) ever reaches a generator. */
const environment: readonly string[] = [];
/** realtime, monotonic, process CPU time, thread CPU time. */
const clockIdCount = 4;

type ProcessCallName =
  | 'args_get' | 'args_sizes_get' | 'environ_get' | 'environ_sizes_get'
  | 'clock_res_get' | 'clock_time_get' | 'random_get' | 'sched_yield'
  | 'proc_exit' | 'proc_raise';

/** The process calls, over `context`'s memory, clock and random source. */
export function createProcessCalls(context: CallContext): WasiFunctions<ProcessCallName> {
  const { memory, clock, random } = context;

  return {
    args_get: (pointers: number, buffer: number) =>
      writeStrings(memory, programArguments, { pointers, buffer }),
    args_sizes_get: (count: number, size: number) =>
      writeSizes(memory, programArguments, { count, size }),
    environ_get: (pointers: number, buffer: number) =>
      writeStrings(memory, environment, { pointers, buffer }),
    environ_sizes_get: (count: number, size: number) =>
      writeSizes(memory, environment, { count, size }),

    clock_res_get: (id: number, pointer: number) => {
      if (!isClockId(id)) {
        return errno.invalid;
      }
      memory.writeUint64(pointer, clock.resolutionNanoseconds);
      return errno.success;
    },
    clock_time_get: (id: number, _precision: bigint, pointer: number) => {
      if (!isClockId(id)) {
        return errno.invalid;
      }
      memory.writeUint64(pointer, clock.read());
      return errno.success;
    },
    random_get: (pointer: number, length: number) => {
      random.fill(memory.bytes(pointer, length));
      return errno.success;
    },
    sched_yield: () => errno.success,

    proc_exit: (code: number): number => {
      throw new ExitSignal(code >>> 0);
    },
    proc_raise: (signal: number): number => {
      throw new RaiseSignal(signal);
    },
  };
}

function isClockId(id: number): boolean {
  return id >= 0 && id < clockIdCount;
}

/** Writes NUL-terminated strings to `buffer` and a pointer to each at `pointers`. */
function writeStrings(
  memory: GuestMemory,
  values: readonly string[],
  at: { readonly pointers: number; readonly buffer: number },
): number {
  let offset = at.buffer >>> 0;
  values.forEach((value, index) => {
    const encoded = new TextEncoder().encode(`${value}\0`);
    memory.bytes(offset, encoded.length).set(encoded);
    memory.writeUint32(at.pointers + index * 4, offset);
    offset += encoded.length;
  });
  return errno.success;
}

function writeSizes(
  memory: GuestMemory,
  values: readonly string[],
  at: { readonly count: number; readonly size: number },
): number {
  let size = 0;
  for (const value of values) {
    size += new TextEncoder().encode(value).length + 1;
  }
  memory.writeUint32(at.count, values.length);
  memory.writeUint32(at.size, size);
  return errno.success;
}
