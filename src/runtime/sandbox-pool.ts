import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';

import { DawgError } from '../errors.js';
import {
  defaultMaxMemoryBytes,
  defaultMaxOutputBytes,
  defaultTimeoutMs,
  memoryCapPages,
} from './limits.js';
import type { PreparedGenerator } from './prepare-generator.js';
import type { RunOutcome } from './run-outcome.js';
import type { RunReply, RunRequest } from './worker-protocol.js';

export interface SandboxPoolOptions {
  /** Worker threads. Default: os.availableParallelism(). */
  readonly size?: number;
  /** Deadline of one run, in milliseconds. Default 5000. */
  readonly timeoutMs?: number;
  /** Memory cap per instance, in bytes. Default 256 MiB. */
  readonly maxMemoryBytes?: number;
  /** Output cap per run, in bytes. Default 16 MiB. */
  readonly maxOutputBytes?: number;
}

export interface SandboxPool {
  readonly size: number;
  /** Runs a generator on `input` in a worker; never rejects: a failure is an outcome. */
  run(
    generator: PreparedGenerator,
    input: string,
    options?: { readonly signal?: AbortSignal },
  ): Promise<RunOutcome>;
  /** Terminates every worker. Runs still queued fail as cancelled. */
  close(): Promise<void>;
}

interface Task {
  readonly request: Omit<RunRequest, 'taskId'>;
  readonly signal: AbortSignal | undefined;
  readonly resolve: (outcome: RunOutcome) => void;
  readonly queuedAt: number;
}

interface Slot {
  worker: Worker;
  task: { readonly id: number; readonly task: Task; readonly timer: NodeJS.Timeout } | undefined;
}

/**
 * The process-wide guard never goes below 256 MiB, whatever a pool's own cap: it binds every
 * wasm module in the process, including Node's own HTTP parser and tools such as wabt.
 */
const minimumGuardPages = memoryCapPages(defaultMaxMemoryBytes);
/** Largest memory cap any pool asked for: the guard never goes below it either. */
let guardPages = 0;

/**
 * A fixed set of worker threads that run generators. A run that passes its deadline, is
 * aborted, or crashes its worker fails alone: that worker is terminated and replaced, and the
 * other runs go on.
 */
export function createSandboxPool(options: SandboxPoolOptions = {}): SandboxPool {
  const size = Math.max(1, options.size ?? os.availableParallelism());
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const maxMemoryBytes = options.maxMemoryBytes ?? defaultMaxMemoryBytes;
  const limits = { maxMemoryBytes, maxOutputBytes: options.maxOutputBytes ?? defaultMaxOutputBytes };
  setMemoryGuard(memoryCapPages(maxMemoryBytes));

  const slots: Slot[] = [];
  const queue: Task[] = [];
  const exiting = new Set<Promise<void>>();
  let nextTaskId = 1;
  let isClosed = false;

  const finish = (slot: Slot, outcome: RunOutcome): void => {
    const current = slot.task;
    if (current === undefined) {
      return;
    }
    clearTimeout(current.timer);
    slot.task = undefined;
    current.task.resolve(outcome);
    dispatch();
  };

  const retire = (worker: Worker): void => {
    worker.removeAllListeners();
    worker.on('error', () => undefined);
    const done = worker.terminate().then(() => undefined, () => undefined);
    exiting.add(done);
    void done.then(() => exiting.delete(done));
  };

  const replaceWorker = (slot: Slot): void => {
    retire(slot.worker);
    slot.worker = startWorker(slot);
  };

  const failRunning = (slot: Slot, error: DawgError): void => {
    const current = slot.task;
    if (current === undefined) {
      return;
    }
    replaceWorker(slot);
    finish(slot, failure(error, current.task.queuedAt));
  };

  const startWorker = (slot: Slot): Worker => {
    const worker = spawnSandboxWorker();
    worker.on('message', (reply: RunReply) => {
      if (slot.task?.id === reply.taskId) {
        finish(slot, fromReply(reply));
      }
    });
    worker.on('error', (error) => {
      failRunning(slot, new DawgError('RUN_FAILED', `sandbox worker crashed: ${error.message}`));
    });
    worker.on('exit', (code) => {
      if (!isClosed) {
        failRunning(slot, new DawgError('RUN_FAILED', `sandbox worker exited with code ${code}`));
      }
    });
    return worker;
  };

  const dispatch = (): void => {
    while (queue.length > 0) {
      const slot = slots.find((candidate) => candidate.task === undefined) ?? addSlot();
      if (slot === undefined) {
        return;
      }
      const task = queue.shift()!;
      if (task.signal?.aborted === true) {
        task.resolve(failure(cancelled(), task.queuedAt));
        continue;
      }
      const id = nextTaskId;
      nextTaskId += 1;
      const timer = setTimeout(() => {
        failRunning(slot, new DawgError('RUN_TIMEOUT',
          `generator exceeded its ${timeoutMs} ms deadline and was stopped`));
      }, timeoutMs);
      slot.task = { id, task, timer };
      task.signal?.addEventListener('abort', () => {
        if (slot.task?.id === id) {
          failRunning(slot, cancelled());
        }
      }, { once: true });
      slot.worker.postMessage({ taskId: id, ...task.request } satisfies RunRequest);
    }
  };

  const addSlot = (): Slot | undefined => {
    if (slots.length >= size) {
      return undefined;
    }
    const slot = { task: undefined } as Slot;
    slot.worker = startWorker(slot);
    slots.push(slot);
    return slot;
  };

  return {
    size,
    run(generator, input, runOptions = {}) {
      const queuedAt = performance.now();
      if (isClosed) {
        return Promise.resolve(failure(cancelled(), queuedAt));
      }
      return new Promise<RunOutcome>((resolve) => {
        const { module, convention, memoryPages } = generator;
        const request = { module, convention, memoryPages, input, limits };
        queue.push({ request, signal: runOptions.signal, resolve, queuedAt });
        dispatch();
      });
    },
    async close() {
      isClosed = true;
      for (const task of queue.splice(0)) {
        task.resolve(failure(cancelled(), task.queuedAt));
      }
      for (const slot of slots) {
        if (slot.task !== undefined) {
          clearTimeout(slot.task.timer);
          slot.task.task.resolve(failure(cancelled(), slot.task.task.queuedAt));
          slot.task = undefined;
        }
        retire(slot.worker);
      }
      await Promise.all([...exiting]);
    },
  };
}

/**
 * Starts a worker from the compiled sandbox-worker.js. When DAWG runs from its TypeScript
 * sources (tests, benchmarks), Node 20 cannot load sandbox-worker.ts by itself, and loader
 * flags in a worker's execArgv do not reach its entry module; so a two-line bootstrap registers
 * tsx's loader inside the worker first, then imports the TypeScript entry.
 */
/** tsx's ESM API ('tsx/esm/api' under the import condition), in tsx 4's package layout. */
const tsxEsmApi = 'dist/esm/api/index.mjs';

function spawnSandboxWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./sandbox-worker.js', import.meta.url));
  }
  const tsxPackage = createRequire(import.meta.url).resolve('tsx/package.json');
  const tsxApi = pathToFileURL(path.join(path.dirname(tsxPackage), tsxEsmApi)).href;
  const entry = new URL('./sandbox-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)})
    .then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true });
}

/**
 * Second guard behind the per-module cap (wasm-binary.ts): V8's process-wide limit on wasm
 * memory pages, which also binds worker threads. Node's CLI flag would be cleaner but cannot be
 * passed to worker threads, and a re-exec of the user's process costs 60 ms; setting the flag at
 * run time before the first instantiation was measured to bind all threads (wasm.md B.4).
 */
function setMemoryGuard(capPages: number): void {
  const pages = Math.max(capPages, minimumGuardPages);
  if (pages <= guardPages) {
    return;
  }
  guardPages = pages;
  v8.setFlagsFromString(`--wasm-max-mem-pages=${pages}`);
}

function fromReply(reply: RunReply): RunOutcome {
  if (reply.status === 'succeeded') {
    const { output, stderr, durationMs } = reply;
    return { status: 'succeeded', output, stderr, durationMs };
  }
  const { code, message, hint, detail } = reply.error;
  return {
    status: 'failed',
    error: new DawgError(code, message, { hint, detail }),
    stderr: reply.stderr,
    durationMs: reply.durationMs,
  };
}

function failure(error: DawgError, queuedAt: number): RunOutcome {
  return { status: 'failed', error, stderr: '', durationMs: performance.now() - queuedAt };
}

function cancelled(): DawgError {
  return new DawgError('RUN_FAILED', 'the render was cancelled before the generator finished');
}
