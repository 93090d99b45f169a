import { setTimeout as wait } from 'node:timers/promises';

/**
 * Waits `ms` milliseconds, or rejects with the signal's reason as soon as it aborts: the delay
 * between retries of the registry and Grafana clients.
 */
export async function abortableDelay(ms: number, signal?: AbortSignal): Promise<void> {
  signal?.throwIfAborted();
  try {
    await wait(ms, undefined, { signal });
  } catch (error) {
    throw signal?.aborted === true ? signal.reason : error;
  }
}
