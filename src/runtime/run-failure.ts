/**
 * Turns whatever stopped a generator (a WASI stop signal, a trap, a V8 error) into the
 * DawgError the user sees, in the user's terms and without file locations: the render stage
 * adds where the manifest is.
 */
import { DawgError, isDawgError } from '../errors.js';
import { formatBytes } from './limits.js';
import { ExitSignal, OutputLimitSignal, RaiseSignal } from './wasi/signals.js';

/** Lines of stderr quoted in a failure message; all of it stays in the error's detail. */
const quotedStderrLines = 3;
/** Characters of stderr quoted in a failure message, so one endless line cannot flood it. */
const quotedStderrChars = 300;
const codesQuotingStderr: ReadonlySet<string> = new Set(['RUN_FAILED', 'RUN_TRAP', 'RUN_MEMORY']);

/** What describeRunFailure needs to know about the instance that failed. */
export interface FailureContext {
  /** The instance's memory, when instantiation got that far. */
  readonly memory: WebAssembly.Memory | undefined;
  /** The most memory the instance could have: its own maximum or the cap, in bytes. */
  readonly maxMemoryBytes: number;
}

/**
 * The error for whatever stopped a run: a DawgError as it is, a WASI stop signal, a trap
 * (RUN_MEMORY when most of the memory was in use), a stack overflow, or a sandbox bug (INTERNAL).
 */
export function describeRunFailure(error: unknown, context: FailureContext): DawgError {
  if (isDawgError(error)) {
    return error;
  }
  if (error instanceof OutputLimitSignal) {
    return new DawgError('RUN_OUTPUT_TOO_LARGE',
      `generator wrote more than its ${formatBytes(error.limitBytes)} output cap`);
  }
  if (error instanceof RaiseSignal) {
    return new DawgError('RUN_TRAP', `generator crashed: it raised signal ${error.signal}`);
  }
  if (error instanceof ExitSignal) {
    return new DawgError('RUN_FAILED', `generator exited with code ${error.code}`);
  }

  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RangeError && /call stack/i.test(message)) {
    return new DawgError('RUN_TRAP', 'generator trapped: stack overflow (endless recursion?)');
  }
  if (error instanceof RangeError && /Wasm memory|out of memory/i.test(message)) {
    return new DawgError('RUN_MEMORY', `generator could not get its memory: ${message}`);
  }
  if (error instanceof WebAssembly.RuntimeError) {
    return describeTrap(message, context);
  }
  if (error instanceof WebAssembly.LinkError) {
    return new DawgError('GENERATOR_FORBIDDEN_IMPORT', `generator cannot be linked: ${message}`);
  }
  return new DawgError('INTERNAL', `the sandbox failed while running the generator: ${message}`, {
    cause: error,
  });
}

/**
 * A module whose memory.grow fails usually traps soon after (Rust aborts, C's malloc returns
 * NULL). The trap itself does not say why, so the memory in use decides: an allocator that
 * grows by what it needs, or by doubling, holds more than half its maximum when growth fails.
 */
function describeTrap(message: string, context: FailureContext): DawgError {
  const inUseBytes = context.memory?.buffer.byteLength ?? 0;
  const usage = `${formatBytes(inUseBytes)} of its ${formatBytes(context.maxMemoryBytes)} `
    + 'memory maximum';
  if (inUseBytes * 2 > context.maxMemoryBytes) {
    return new DawgError('RUN_MEMORY',
      `generator ran out of memory: it trapped (${message}) with ${usage} in use`, {
        hint: 'raise the memory cap (--max-memory-mb) if the generator really needs more',
      });
  }
  return new DawgError('RUN_TRAP', `generator trapped: ${message} (${usage} in use)`);
}

/** Quotes the first lines of stderr in the message; the whole of it goes to the detail. */
export function withStderr(error: DawgError, stderr: string): DawgError {
  const trimmed = stderr.trim();
  if (trimmed === '' || !codesQuotingStderr.has(error.code)) {
    return error;
  }
  const lines = trimmed.split('\n');
  let quoted = lines.slice(0, quotedStderrLines).join(' / ');
  const isCut = lines.length > quotedStderrLines || quoted.length > quotedStderrChars;
  quoted = quoted.slice(0, quotedStderrChars);
  return new DawgError(error.code, `${error.message}: ${quoted}${isCut ? ' …' : ''}`, {
    hint: error.hint,
    detail: trimmed,
  });
}
