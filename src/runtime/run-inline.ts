import { DawgError, isDawgError } from '../errors.js';
import {
  defaultMaxMemoryBytes,
  defaultMaxOutputBytes,
  formatBytes,
  type RunLimits,
} from './limits.js';
import type { PreparedGenerator } from './prepare-generator.js';
import type { RunOutcome } from './run-outcome.js';
import { preview1Module } from './wasi/errno.js';
import { createPreview1, type Preview1 } from './wasi/preview1.js';
import { ExitSignal, OutputLimitSignal, RaiseSignal } from './wasi/signals.js';
import { formatPages, wasmPageBytes } from './wasm-binary.js';

/** Lines of stderr quoted in a failure message; the rest stays in the error's detail. */
const quotedStderrLines = 3;

type Runnable = Pick<PreparedGenerator, 'module' | 'convention' | 'memoryPages'>;

/**
 * Runs a generator once, in the current thread, with a fresh instance and a fresh in-memory
 * WASI layer. It has NO deadline: a generator that loops forever blocks the thread, so untrusted
 * modules run through the sandbox pool, which runs this in a worker it can terminate.
 */
export function runGeneratorInline(
  generator: Runnable,
  input: string,
  limits: RunLimits = {},
): RunOutcome {
  const started = performance.now();
  const maxOutputBytes = limits.maxOutputBytes ?? defaultMaxOutputBytes;
  const maxMemoryBytes = generator.memoryPages.maximum > 0
    ? generator.memoryPages.maximum * wasmPageBytes
    : limits.maxMemoryBytes ?? defaultMaxMemoryBytes;
  const wasi = createPreview1({
    input: new TextEncoder().encode(input),
    preopenInput: generator.convention === 'reactor',
    maxOutputBytes,
  });
  let memory: WebAssembly.Memory | undefined;

  const finish = (result: { output: string } | { error: DawgError }): RunOutcome => {
    const stderr = new TextDecoder().decode(wasi.stderr());
    const durationMs = performance.now() - started;
    if ('error' in result) {
      return { status: 'failed', error: withStderr(result.error, stderr), stderr, durationMs };
    }
    return { status: 'succeeded', output: result.output, stderr, durationMs };
  };

  try {
    const instance = new WebAssembly.Instance(generator.module, { [preview1Module]: wasi.imports });
    memory = instance.exports['memory'] as WebAssembly.Memory;
    wasi.bindMemory(memory);
    const output = generator.convention === 'command'
      ? runCommand(instance, wasi)
      : runReactor(instance, memory, maxOutputBytes);
    return finish({ output });
  } catch (error) {
    return finish({ error: classify(error, memory, maxMemoryBytes) });
  }
}

function runCommand(instance: WebAssembly.Instance, wasi: Preview1): string {
  const code = callEntry(instance, '_start');
  if (code !== 0) {
    throw new DawgError('RUN_FAILED', `generator exited with code ${code}`);
  }
  return new TextDecoder().decode(wasi.stdout());
}

function runReactor(
  instance: WebAssembly.Instance,
  memory: WebAssembly.Memory,
  maxOutputBytes: number,
): string {
  for (const entry of ['_start', '_initialize']) {
    if (typeof instance.exports[entry] === 'function') {
      const code = callEntry(instance, entry);
      if (code !== 0) {
        throw new DawgError('RUN_FAILED', `generator exited with code ${code} in ${entry}`);
      }
      break;
    }
  }

  const generate = instance.exports['generate'] as () => unknown;
  const packed = exitCodeOr(() => generate());
  if (typeof packed === 'number') {
    throw new DawgError('RUN_FAILED', `generator exited with code ${packed} in generate()`);
  }
  const result = BigInt.asUintN(64, BigInt(packed.value as bigint | number));
  const pointer = Number(result >> 32n);
  const length = Number(result & 0xffff_ffffn);
  if (length > maxOutputBytes) {
    throw new DawgError('RUN_OUTPUT_TOO_LARGE', `generator returned ${formatBytes(length)}, over `
      + `its ${formatBytes(maxOutputBytes)} output cap`);
  }
  if (pointer + length > memory.buffer.byteLength) {
    throw new DawgError('RUN_FAILED', `generate() returned a buffer (offset ${pointer}, `
      + `${length} bytes) outside the module's memory`);
  }

  const text = new TextDecoder().decode(new Uint8Array(memory.buffer, pointer, length));
  if (text.startsWith('e')) {
    throw new DawgError('RUN_FAILED', `generator reported an error: ${reactorError(text.slice(1))}`);
  }
  return text;
}

/** Calls `_start` or `_initialize`; resolves to the exit code (0 when it simply returns). */
function callEntry(instance: WebAssembly.Instance, name: string): number {
  const entry = instance.exports[name] as () => unknown;
  const result = exitCodeOr(() => entry());
  return typeof result === 'number' ? result : 0;
}

/** Runs `call`; a proc_exit inside it becomes its exit code (a number), else the return value. */
function exitCodeOr(call: () => unknown): { value: unknown } | number {
  try {
    return { value: call() };
  } catch (error) {
    if (error instanceof ExitSignal) {
      return error.code;
    }
    throw error;
  }
}

function reactorError(json: string): string {
  try {
    const parsed = JSON.parse(json) as { err?: unknown };
    return typeof parsed.err === 'string' ? parsed.err : json;
  } catch {
    return json;
  }
}

function classify(
  error: unknown,
  memory: WebAssembly.Memory | undefined,
  maxMemoryBytes: number,
): DawgError {
  if (isDawgError(error)) {
    return error;
  }
  if (error instanceof OutputLimitSignal) {
    return new DawgError('RUN_OUTPUT_TOO_LARGE',
      `generator wrote more than its ${formatBytes(error.limitBytes)} output cap`);
  }
  if (error instanceof RaiseSignal) {
    return new DawgError('RUN_TRAP', `generator raised signal ${error.signal}`);
  }
  if (error instanceof ExitSignal) {
    return new DawgError('RUN_FAILED', `generator exited with code ${error.code}`);
  }
  const message = error instanceof Error ? error.message : String(error);
  const inUse = memory?.buffer.byteLength ?? 0;
  if (inUse * 2 >= maxMemoryBytes || /out of memory|Cannot allocate Wasm memory/i.test(message)) {
    const used = formatPages(inUse / wasmPageBytes);
    const maximum = formatPages(maxMemoryBytes / wasmPageBytes);
    return new DawgError('RUN_MEMORY', `generator stopped with ${used} of its ${maximum} memory `
      + `maximum in use, most likely out of memory (${message})`, {
      hint: 'raise --max-memory-mb if the generator really needs more',
    });
  }
  if (error instanceof RangeError && /call stack/i.test(message)) {
    return new DawgError('RUN_TRAP', 'generator trapped: stack overflow (endless recursion?)');
  }
  if (error instanceof WebAssembly.RuntimeError) {
    return new DawgError('RUN_TRAP', `generator trapped: ${message}`);
  }
  if (error instanceof WebAssembly.LinkError) {
    return new DawgError('GENERATOR_FORBIDDEN_IMPORT', `generator cannot be linked: ${message}`);
  }
  return new DawgError('RUN_FAILED', `generator failed: ${message}`);
}

/** Quotes the first lines of stderr in the message; the whole of it goes to the detail. */
function withStderr(error: DawgError, stderr: string): DawgError {
  const trimmed = stderr.trim();
  if (trimmed === '' || error.code !== 'RUN_FAILED' && error.code !== 'RUN_TRAP') {
    return error;
  }
  const lines = trimmed.split('\n');
  const quoted = lines.slice(0, quotedStderrLines).join(' / ');
  const more = lines.length > quotedStderrLines ? ' …' : '';
  return new DawgError(error.code, `${error.message}: ${quoted}${more}`, {
    hint: error.hint,
    detail: trimmed,
  });
}
