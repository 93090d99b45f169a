import { DawgError } from '../errors.js';
import {
  defaultMaxMemoryBytes,
  defaultMaxOutputBytes,
  defaultMaxStderrBytes,
  formatBytes,
  type RunLimits,
  wasmPageBytes,
} from './limits.js';
import type { PreparedGenerator } from './prepare-generator.js';
import { describeRunFailure, withStderr } from './run-failure.js';
import type { RunOutcome } from './run-outcome.js';
import { preview1Module } from './wasi/function-names.js';
import { createPreview1, type Preview1 } from './wasi/preview1.js';
import { ExitSignal } from './wasi/signals.js';

/** What running needs of a prepared generator; the rest (digest, names) is for reports. */
export type RunnableGenerator = Pick<PreparedGenerator, 'module' | 'convention' | 'memoryPages'>;

/** How a call into the module ended, when it did not fail. */
type CallResult = { readonly value: unknown } | { readonly exitCode: number };

/**
 * Runs a generator once in the current thread, with a fresh instance and a fresh in-memory
 * WASI layer, and never throws: a failure is an outcome. It has NO deadline: a generator that
 * loops forever blocks the thread for good. Use it for trusted modules, tests and benchmarks;
 * the sandbox pool runs this same function in worker threads it can terminate.
 */
export function runGeneratorInline(
  generator: RunnableGenerator,
  input: string,
  limits: RunLimits = {},
): RunOutcome {
  const started = performance.now();
  const maxOutputBytes = limits.maxOutputBytes ?? defaultMaxOutputBytes;
  const wasi = createPreview1({
    input: new TextEncoder().encode(input),
    preopenInput: generator.convention === 'reactor',
    maxOutputBytes,
    maxStderrBytes: limits.maxStderrBytes ?? defaultMaxStderrBytes,
  });
  let memory: WebAssembly.Memory | undefined;
  let result: { readonly output: string } | { readonly error: DawgError };

  try {
    const imports = { [preview1Module]: wasi.imports };
    const instance = new WebAssembly.Instance(generator.module, imports);
    memory = instance.exports['memory'] as WebAssembly.Memory;
    wasi.bindMemory(memory);
    const output = generator.convention === 'command'
      ? runCommand(instance, wasi)
      : runReactor(instance, wasi, { memory, maxOutputBytes });
    result = { output };
  } catch (error) {
    const maxMemoryBytes = generator.memoryPages.maximum > 0
      ? generator.memoryPages.maximum * wasmPageBytes
      : limits.maxMemoryBytes ?? defaultMaxMemoryBytes;
    result = { error: describeRunFailure(error, { memory, maxMemoryBytes }) };
  }

  const stderr = new TextDecoder().decode(wasi.stderr());
  const durationMs = performance.now() - started;
  if ('error' in result) {
    return { status: 'failed', error: withStderr(result.error, stderr), stderr, durationMs };
  }
  return { status: 'succeeded', output: result.output, stderr, durationMs };
}

/** A WASI command: `_start` reads stdin and writes the dashboard to stdout; exit 0 is success. */
function runCommand(instance: WebAssembly.Instance, wasi: Preview1): string {
  const result = callExport(instance, '_start', wasi);
  if ('exitCode' in result && result.exitCode !== 0) {
    throw new DawgError('RUN_FAILED', `generator exited with code ${result.exitCode}`);
  }
  return new TextDecoder().decode(wasi.stdout());
}

/**
 * A DAWG reactor: `_start` then `_initialize` when exported (each must return or exit 0),
 * then `generate()`, whose i64 result packs a pointer (high 32 bits) and a length (low 32
 * bits). Output starting with `e` is an error: `e{"err": "..."}`.
 */
function runReactor(
  instance: WebAssembly.Instance,
  wasi: Preview1,
  options: { readonly memory: WebAssembly.Memory; readonly maxOutputBytes: number },
): string {
  for (const entry of ['_start', '_initialize']) {
    if (typeof instance.exports[entry] !== 'function') {
      continue;
    }
    const result = callExport(instance, entry, wasi);
    if ('exitCode' in result && result.exitCode !== 0) {
      throw new DawgError('RUN_FAILED',
        `generator exited with code ${result.exitCode} in ${entry}`);
    }
    wasi.forgetCleanExit();
  }

  const result = callExport(instance, 'generate', wasi);
  if ('exitCode' in result) {
    throw new DawgError('RUN_FAILED', `generator exited with code ${result.exitCode} in `
      + 'generate() instead of returning its output');
  }
  const text = readReturnedOutput(result.value, options);
  if (text.startsWith('e')) {
    const reason = reactorError(text.slice(1));
    throw new DawgError('RUN_FAILED', `generator reported an error: ${reason}`);
  }
  return text;
}

/** Checks the (pointer << 32) | length that generate() returned, then copies the output. */
function readReturnedOutput(
  packed: unknown,
  options: { readonly memory: WebAssembly.Memory; readonly maxOutputBytes: number },
): string {
  if (typeof packed !== 'bigint') {
    throw new DawgError('GENERATOR_INVALID_MODULE',
      'generator module exports generate() without an i64 result: (pointer << 32) | length');
  }
  const pointer = Number(BigInt.asUintN(64, packed) >> 32n);
  const length = Number(packed & 0xffff_ffffn);
  if (length > options.maxOutputBytes) {
    throw new DawgError('RUN_OUTPUT_TOO_LARGE', `generator returned ${formatBytes(length)}, `
      + `over its ${formatBytes(options.maxOutputBytes)} output cap`);
  }
  const memoryBytes = options.memory.buffer.byteLength;
  if (pointer + length > memoryBytes) {
    throw new DawgError('RUN_TRAP', `generator returned an output buffer (offset ${pointer}, `
      + `${length} bytes) outside its ${formatBytes(memoryBytes)} of memory`);
  }

  return new TextDecoder().decode(new Uint8Array(options.memory.buffer, pointer, length));
}

/**
 * Calls an export and reports how it ended. A stop recorded by the WASI layer wins over what
 * the call did, since a module may catch the exception that carried it and go on.
 */
function callExport(instance: WebAssembly.Instance, name: string, wasi: Preview1): CallResult {
  const entry = instance.exports[name] as () => unknown;
  let outcome: { readonly value: unknown } | { readonly thrown: unknown };
  try {
    outcome = { value: entry() };
  } catch (error) {
    outcome = { thrown: error };
  }

  const stop = wasi.stopSignal();
  if (stop instanceof ExitSignal) {
    return { exitCode: stop.code };
  }
  if (stop !== undefined) {
    throw stop;
  }
  if ('thrown' in outcome) {
    throw outcome.thrown;
  }
  return outcome;
}

function reactorError(json: string): string {
  try {
    const parsed = JSON.parse(json) as { err?: unknown };
    return typeof parsed.err === 'string' ? parsed.err : json;
  } catch {
    return json;
  }
}
