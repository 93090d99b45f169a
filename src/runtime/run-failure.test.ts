import { describe, expect, it } from 'vitest';

import { DawgError } from '../errors.js';
import { describeRunFailure, withStderr } from './run-failure.js';
import { RaiseSignal } from './wasi/signals.js';

const mebibyte = 1024 * 1024;

function memoryOfPages(pages: number): WebAssembly.Memory {
  return new WebAssembly.Memory({ initial: pages });
}

describe('describeRunFailure', () => {
  it('calls a trap with most of the memory in use an out-of-memory failure', () => {
    const trap = new WebAssembly.RuntimeError('unreachable');

    const error = describeRunFailure(trap, {
      memory: memoryOfPages(24),
      maxMemoryBytes: 2 * mebibyte,
    });

    expect(error).toMatchObject({ code: 'RUN_MEMORY' });
    expect(error.message).toBe('generator ran out of memory: it trapped (unreachable) with '
      + '1.5 MiB of its 2 MiB memory maximum in use');
  });

  it('reports another trap as RUN_TRAP, with the memory in use and the cap', () => {
    const trap = new WebAssembly.RuntimeError('divide by zero');

    const error = describeRunFailure(trap, { memory: memoryOfPages(1), maxMemoryBytes: mebibyte });

    expect(error).toMatchObject({
      code: 'RUN_TRAP',
      message: 'generator trapped: divide by zero (64 KiB of its 1 MiB memory maximum in use)',
    });
  });

  it('reports a raised signal as a crash', () => {
    const error = describeRunFailure(new RaiseSignal(6), { memory: undefined, maxMemoryBytes: 1 });

    expect(error).toMatchObject({
      code: 'RUN_TRAP',
      message: expect.stringContaining('signal 6'),
    });
  });

  it('blames the sandbox, not the generator, for an error of its own', () => {
    const error = describeRunFailure(new TypeError('x is undefined'), {
      memory: undefined,
      maxMemoryBytes: 1,
    });

    expect(error).toMatchObject({ code: 'INTERNAL' });
  });
});

describe('withStderr', () => {
  it('quotes the first three lines of stderr and keeps all of it as detail', () => {
    const error = new DawgError('RUN_FAILED', 'generator exited with code 1');

    const quoted = withStderr(error, 'one\ntwo\nthree\nfour\n');

    expect(quoted.message).toBe('generator exited with code 1: one / two / three …');
    expect(quoted.detail).toBe('one\ntwo\nthree\nfour');
  });

  it('cuts one endless line short', () => {
    const error = new DawgError('RUN_TRAP', 'generator trapped: unreachable');

    const quoted = withStderr(error, 'x'.repeat(10_000));

    expect(quoted.message.length).toBeLessThan(400);
    expect(quoted.message.endsWith('x …')).toBe(true);
  });

  it('leaves errors that stderr cannot explain as they are', () => {
    const error = new DawgError('RUN_OUTPUT_TOO_LARGE', 'generator wrote more than its cap');

    expect(withStderr(error, 'noise')).toBe(error);
  });
});
