import os from 'node:os';
import type { Worker } from 'node:worker_threads';

import { DawgError } from '../errors.js';
import {
  checkLimit,
  defaultMaxMemoryBytes,
  defaultMaxOutputBytes,
  defaultMaxStderrBytes,
  defaultTimeoutMs,
  type RunLimits,
} from './limits.js';
import { raiseMemoryGuard } from './memory-guard.js';
import type { PreparedGenerator } from './prepare-generator.js';
import type { RunnableGenerator } from './run-inline.js';
import type { RunOutcome } from './run-outcome.js';
import { spawnSandboxWorker } from './spawn-sandbox-worker.js';
import type { RunRequest, WorkerMessage } from './worker-protocol.js';

/** Options of createSandboxPool; each limit defaults to the constant in limits.ts. */
export interface SandboxPoolOptions {
  /** Worker threads. Default: os.availableParallelism(). */
  readonly size?: number;
  /** Deadline of one run, in milliseconds, from when a worker takes it. Default 5000. */
  readonly timeoutMs?: number;
  /** Memory cap per instance, in bytes. Default 256 MiB. */
  readonly maxMemoryBytes?: number;
  /** Output cap per run (stdout plus stderr, or a reactor's result), in bytes. Default 16 MiB. */
  readonly maxOutputBytes?: number;
  /** Stderr kept per run for error messages, in bytes. Default 64 KiB. */
  readonly maxStderrBytes?: number;
}

/** Options of one run. */
export interface RunOptions {
  /** Aborting fails the run with RUN_TIMEOUT, stopping its worker if it has started. */
  readonly signal?: AbortSignal;
}

/** Worker threads that run generators; made by createSandboxPool. */
export interface SandboxPool {
  /** Number of worker threads. */
  readonly size: number;
  /** Runs a generator on `input` in a worker. Never rejects: a failure is an outcome. */
  run(generator: PreparedGenerator, input: string, options?: RunOptions): Promise<RunOutcome>;
  /** Fails queued and running runs as cancelled, and resolves once every worker has exited. */
  close(): Promise<void>;
}

interface Task {
  readonly generator: RunnableGenerator;
  readonly input: string;
  readonly queuedAt: number;
  /** Resolves the run's promise and lets go of its abort listener; later calls do nothing. */
  readonly settle: (outcome: RunOutcome) => void;
}

interface Running {
  readonly taskId: number;
  readonly task: Task;
  readonly startedAt: number;
  readonly timer: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  isReady: boolean;
  running: Running | undefined;
}

/**
 * Creates a fixed-size set of worker threads that run prepared generators, each run with a
 * fresh instance and its own deadline. A run that passes its deadline, is aborted or crashes
 * its worker fails alone: that worker is terminated and replaced, and other runs go on. Idle
 * workers do not keep the process alive, but call close() when done.
 *
 * Creating a pool raises V8's process-wide wasm memory limit guard (memory-guard.ts).
 *
 * @throws DawgError `USAGE` when an option is not a positive number.
 */
export function createSandboxPool(options: SandboxPoolOptions = {}): SandboxPool {
  for (const [name, value] of Object.entries(options)) {
    checkLimit(name, value as number | undefined);
  }
  const size = Math.max(1, Math.floor(options.size ?? os.availableParallelism()));
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const maxMemoryBytes = options.maxMemoryBytes ?? defaultMaxMemoryBytes;
  const limits: RunLimits = {
    maxMemoryBytes,
    maxOutputBytes: options.maxOutputBytes ?? defaultMaxOutputBytes,
    maxStderrBytes: options.maxStderrBytes ?? defaultMaxStderrBytes,
  };
  raiseMemoryGuard(maxMemoryBytes);

  const slots: Slot[] = [];
  const queue: Task[] = [];
  const exiting = new Set<Promise<void>>();
  let nextTaskId = 1;
  let isClosed = false;
  let startupError: DawgError | undefined;

  const retire = (worker: Worker): void => {
    worker.removeAllListeners();
    worker.on('error', () => undefined);
    const exited = worker.terminate().then(() => undefined, () => undefined);
    exiting.add(exited);
    void exited.then(() => exiting.delete(exited));
  };

  /** Workers are matched to their slot when they speak, since a slot outlives its workers. */
  const startWorker = (): Worker => {
    const worker = spawnSandboxWorker();
    const slotOf = (): Slot | undefined => slots.find((slot) => slot.worker === worker);
    worker.on('message', (message: WorkerMessage) => onMessage(slotOf(), message));
    worker.on('error', (error) => onWorkerLost(slotOf(), error));
    worker.on('exit', (code) => onWorkerLost(slotOf(), new Error(`it exited with code ${code}`)));
    return worker;
  };

  const addSlot = (): void => {
    slots.push({ worker: startWorker(), isReady: false, running: undefined });
  };

  const replaceWorker = (slot: Slot): void => {
    retire(slot.worker);
    slot.isReady = false;
    slot.worker = startWorker();
  };

  const onMessage = (slot: Slot | undefined, message: WorkerMessage): void => {
    if (slot === undefined) {
      return;
    }
    if (message.type === 'ready') {
      slot.isReady = true;
      slot.worker.unref();
      dispatch();
      return;
    }
    if (slot.running?.taskId === message.taskId) {
      finish(slot, fromMessage(message));
    }
  };

  /** A worker that dies while starting breaks the pool; one that dies later is replaced. */
  const onWorkerLost = (slot: Slot | undefined, error: Error): void => {
    if (slot === undefined || isClosed) {
      return;
    }
    if (!slot.isReady) {
      failStartup(slot, error);
      return;
    }
    const reason = (error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY'
      ? new DawgError('RUN_MEMORY', 'the sandbox worker ran out of memory during the run')
      : new DawgError('INTERNAL', `the sandbox worker crashed during the run: ${error.message}`);
    stop(slot, reason);
  };

  const failStartup = (slot: Slot, error: Error): void => {
    const message = `a sandbox worker could not start: ${error.message}`;
    startupError = new DawgError('INTERNAL', message, { cause: error });
    retire(slot.worker);
    slots.splice(slots.indexOf(slot), 1);
    for (const task of queue.splice(0)) {
      task.settle(failure(startupError, task.queuedAt));
    }
  };

  const finish = (slot: Slot, outcome: RunOutcome): void => {
    const running = slot.running;
    if (running === undefined) {
      return;
    }
    clearTimeout(running.timer);
    slot.running = undefined;
    if (slot.isReady) {
      slot.worker.unref();
    }
    running.task.settle(outcome);
    dispatch();
  };

  /** Ends the slot's run with `error`, replacing its worker, which may still be running it. */
  const stop = (slot: Slot, error: DawgError): void => {
    const running = slot.running;
    replaceWorker(slot);
    if (running !== undefined) {
      finish(slot, failure(error, running.startedAt));
    }
  };

  const start = (slot: Slot, task: Task): void => {
    const taskId = nextTaskId;
    nextTaskId += 1;
    const timer = setTimeout(() => {
      stop(slot, new DawgError('RUN_TIMEOUT',
        `generator exceeded its ${timeoutMs} ms deadline and was stopped`));
    }, timeoutMs);
    slot.running = { taskId, task, startedAt: performance.now(), timer };
    slot.worker.ref();
    const request: RunRequest = { taskId, generator: task.generator, input: task.input, limits };
    slot.worker.postMessage(request);
  };

  const dispatch = (): void => {
    while (queue.length > 0) {
      const slot = slots.find((candidate) => candidate.isReady && candidate.running === undefined);
      if (slot === undefined) {
        growForQueue();
        return;
      }
      start(slot, queue.shift()!);
    }
  };

  /**
   * Adds a worker for each queued run, up to the pool's size. A slot whose worker is being
   * replaced does not count as free: a replacement takes tens of milliseconds to start.
   */
  const growForQueue = (): void => {
    const wanted = Math.min(size, slots.length + queue.length);
    while (slots.length < wanted) {
      addSlot();
    }
  };

  const cancel = (task: Task, reason: unknown): void => {
    const error = cancelled(reason);
    const queued = queue.indexOf(task);
    if (queued >= 0) {
      queue.splice(queued, 1);
      task.settle(failure(error, task.queuedAt));
      return;
    }
    const slot = slots.find((candidate) => candidate.running?.task === task);
    if (slot !== undefined) {
      stop(slot, error);
    }
  };

  return {
    size,
    run(generator, input, runOptions = {}) {
      const queuedAt = performance.now();
      const { signal } = runOptions;
      const refusal = startupError
        ?? (isClosed ? cancelled('the sandbox pool is closed') : undefined)
        ?? (signal?.aborted === true ? cancelled(signal.reason) : undefined);
      if (refusal !== undefined) {
        return Promise.resolve(failure(refusal, queuedAt));
      }

      return new Promise<RunOutcome>((resolve) => {
        const { module, convention, memoryPages } = generator;
        const onAbort = (): void => cancel(task, signal?.reason);
        const task: Task = {
          generator: { module, convention, memoryPages },
          input,
          queuedAt,
          settle: (outcome) => {
            signal?.removeEventListener('abort', onAbort);
            resolve(outcome);
          },
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        queue.push(task);
        dispatch();
      });
    },
    async close() {
      isClosed = true;
      for (const task of queue.splice(0)) {
        task.settle(failure(cancelled('the sandbox pool closed'), task.queuedAt));
      }
      for (const slot of slots.splice(0)) {
        const running = slot.running;
        slot.running = undefined;
        if (running !== undefined) {
          clearTimeout(running.timer);
          running.task.settle(failure(cancelled('the sandbox pool closed'), running.startedAt));
        }
        retire(slot.worker);
      }
      await Promise.all([...exiting]);
    },
  };
}

function fromMessage(message: Exclude<WorkerMessage, { type: 'ready' }>): RunOutcome {
  if (message.type === 'succeeded') {
    const { output, stderr, durationMs } = message;
    return { status: 'succeeded', output, stderr, durationMs };
  }
  const { code, message: text, hint, detail } = message.error;
  return {
    status: 'failed',
    error: new DawgError(code, text, { hint, detail }),
    stderr: message.stderr,
    durationMs: message.durationMs,
  };
}

function failure(error: DawgError, since: number): RunOutcome {
  return { status: 'failed', error, stderr: '', durationMs: performance.now() - since };
}

/**
 * A run stopped from outside. It counts as RUN_TIMEOUT: an abort is the caller's deadline
 * (AbortSignal.timeout, Ctrl-C), not a fault of the generator or its config.
 */
function cancelled(reason: unknown): DawgError {
  const why = reason instanceof Error ? reason.message : typeof reason === 'string' ? reason : '';
  const suffix = why === '' ? '' : ` (${why})`;
  return new DawgError('RUN_TIMEOUT', `the render was cancelled before the generator finished${
    suffix}`);
}
