/**
 * Entry point of a sandbox worker thread: says it is ready, then runs one generator per
 * message, each with a fresh instance, and replies with the outcome. The pool terminates the
 * thread when a run overstays its deadline, so a hung generator blocks only this thread.
 */
import { parentPort } from 'node:worker_threads';

import { runGeneratorInline } from './run-inline.js';
import type { RunRequest, WorkerMessage } from './worker-protocol.js';

const port = parentPort;
if (port === null) {
  throw new Error('sandbox-worker must run as a worker thread');
}

port.on('message', (request: RunRequest) => {
  const outcome = runGeneratorInline(request.generator, request.input, request.limits);
  const { stderr, durationMs } = outcome;
  const reply: WorkerMessage = outcome.status === 'succeeded'
    ? { type: 'succeeded', taskId: request.taskId, output: outcome.output, stderr, durationMs }
    : {
      type: 'failed',
      taskId: request.taskId,
      stderr,
      durationMs,
      error: {
        code: outcome.error.code,
        message: outcome.error.message,
        hint: outcome.error.hint,
        detail: outcome.error.detail,
      },
    };
  port.postMessage(reply);
});
port.postMessage({ type: 'ready' } satisfies WorkerMessage);
