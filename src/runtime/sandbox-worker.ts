/**
 * Entry point of a sandbox worker thread: runs one generator per message, each with a fresh
 * instance, and replies with the outcome. The pool terminates the thread when a run overstays
 * its deadline, so a hung generator never blocks anything but this thread.
 */
import { parentPort } from 'node:worker_threads';

import { runGeneratorInline } from './run-inline.js';
import type { RunReply, RunRequest } from './worker-protocol.js';

const port = parentPort;
if (port === null) {
  throw new Error('sandbox-worker must run as a worker thread');
}

port.on('message', (request: RunRequest) => {
  const outcome = runGeneratorInline(request, request.input, request.limits);
  const reply: RunReply = outcome.status === 'succeeded'
    ? { taskId: request.taskId, ...outcome }
    : {
      taskId: request.taskId,
      status: 'failed',
      stderr: outcome.stderr,
      durationMs: outcome.durationMs,
      error: {
        code: outcome.error.code,
        message: outcome.error.message,
        hint: outcome.error.hint,
        detail: outcome.error.detail,
      },
    };
  port.postMessage(reply);
});
