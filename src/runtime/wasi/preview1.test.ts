import { describe, expect, it } from 'vitest';

import { errno } from './errno.js';
import { createPreview1, type Preview1, type Preview1Options } from './preview1.js';
import { ExitSignal, OutputLimitSignal } from './signals.js';

const config = 'panels: 3';
const hour = 3_600_000_000_000n;

interface Harness {
  readonly wasi: Preview1;
  readonly call: Preview1['imports'];
  readonly view: DataView;
  readonly bytes: Uint8Array;
}

function harness(options: Partial<Preview1Options> = {}): Harness {
  const memory = new WebAssembly.Memory({ initial: 1 });
  const wasi = createPreview1({
    input: new TextEncoder().encode(config),
    preopenInput: false,
    maxOutputBytes: 64,
    maxStderrBytes: 8,
    ...options,
  });
  wasi.bindMemory(memory);
  return {
    wasi,
    call: wasi.imports,
    view: new DataView(memory.buffer),
    bytes: new Uint8Array(memory.buffer),
  };
}

/** Writes `text` at 1000 and one iovec for it at 0. */
function putText({ view, bytes }: Harness, text: string): void {
  const encoded = new TextEncoder().encode(text);
  bytes.set(encoded, 1000);
  view.setUint32(0, 1000, true);
  view.setUint32(4, encoded.length, true);
}

function readText({ bytes }: Harness, pointer: number, length: number): string {
  return new TextDecoder().decode(bytes.subarray(pointer, pointer + length));
}

describe('createPreview1: stdio', () => {
  it('serves the config on stdin, then end of file', () => {
    const box = harness();
    box.view.setUint32(0, 100, true);
    box.view.setUint32(4, 6, true);

    const first = box.call.fd_read(0, 0, 1, 8);
    const firstCount = box.view.getUint32(8, true);
    box.call.fd_read(0, 0, 1, 8);
    const secondCount = box.view.getUint32(8, true);
    box.call.fd_read(0, 0, 1, 8);

    expect(first).toBe(errno.success);
    expect([firstCount, secondCount, box.view.getUint32(8, true)]).toEqual([6, 3, 0]);
    expect(readText(box, 100, 3)).toBe(': 3');
  });

  it('captures stdout, and keeps only the first bytes of stderr', () => {
    const box = harness();

    putText(box, '{"a":1}');
    box.call.fd_write(1, 0, 1, 8);
    putText(box, 'error: a long message');
    box.call.fd_write(2, 0, 1, 8);

    expect(new TextDecoder().decode(box.wasi.stdout())).toBe('{"a":1}');
    expect(new TextDecoder().decode(box.wasi.stderr())).toBe('error: a');
    expect(box.view.getUint32(8, true)).toBe(21);
  });

  it('stops the module past the output cap, and again on every later call', () => {
    const box = harness({ maxOutputBytes: 10 });
    putText(box, '0123456789!');

    expect(() => box.call.fd_write(1, 0, 1, 8)).toThrow(OutputLimitSignal);
    expect(() => box.call.sched_yield()).toThrow(OutputLimitSignal);
    expect(box.wasi.stopSignal()).toBeInstanceOf(OutputLimitSignal);
    expect(box.wasi.stdout()).toHaveLength(0);
  });

  it('answers EFAULT for buffers outside memory, negative pointers included', () => {
    const box = harness();
    box.view.setUint32(0, 65_530, true);
    box.view.setUint32(4, 100, true);

    expect(box.call.fd_write(1, 0, 1, 8)).toBe(errno.fault);
    expect(box.call.fd_read(0, -8, 1, 8)).toBe(errno.fault);
    expect(box.call.random_get(65_000, 1_000)).toBe(errno.fault);
  });

  it('answers EFAULT to a call made before memory is bound', () => {
    const wasi = createPreview1({
      input: new Uint8Array(),
      preopenInput: false,
      maxOutputBytes: 1,
      maxStderrBytes: 1,
    });

    expect(wasi.imports.args_sizes_get(0, 4)).toBe(errno.fault);
  });
});

describe('createPreview1: no host access', () => {
  it('shows an empty environment and the arguments ["generator"]', () => {
    const box = harness();

    box.call.environ_sizes_get(0, 4);
    const environment = [box.view.getUint32(0, true), box.view.getUint32(4, true)];
    box.call.args_sizes_get(0, 4);
    box.call.args_get(8, 100);

    expect(environment).toEqual([0, 0]);
    expect([box.view.getUint32(0, true), box.view.getUint32(4, true)]).toEqual([1, 10]);
    expect(box.view.getUint32(8, true)).toBe(100);
    expect(readText(box, 100, 10)).toBe('generator\0');
  });

  it('offers a command no descriptor beyond stdio, and no preopen', () => {
    const box = harness();

    expect(box.call.fd_prestat_get(3, 0)).toBe(errno.badFileDescriptor);
    expect(box.call.fd_read(3, 0, 1, 8)).toBe(errno.badFileDescriptor);
    expect(box.call.path_open(3, 0, 1000, 5, 0, 0n, 0n, 0, 8)).toBe(errno.badFileDescriptor);
    expect(box.call.fd_write(0, 0, 1, 8)).toBe(errno.notCapable);
  });

  it('refuses every socket call with ENOTCAPABLE', () => {
    const box = harness();

    expect(box.call.sock_accept(3, 0, 8)).toBe(errno.notCapable);
    expect(box.call.sock_send(0, 0, 1, 0, 8)).toBe(errno.notCapable);
  });

  it('records proc_exit, and forgets only an exit with code 0', () => {
    const zero = harness();
    const seven = harness();

    expect(() => zero.call.proc_exit(0)).toThrow(ExitSignal);
    expect(() => seven.call.proc_exit(7)).toThrow(ExitSignal);
    zero.wasi.forgetCleanExit();
    seven.wasi.forgetCleanExit();

    expect(zero.wasi.stopSignal()).toBeUndefined();
    expect(zero.call.sched_yield()).toBe(errno.success);
    expect(seven.wasi.stopSignal()).toEqual(new ExitSignal(7));
  });
});

describe('createPreview1: the reactor\'s /dawg/input', () => {
  const open = (box: Harness, path: string, flags = 0): number => {
    box.bytes.set(new TextEncoder().encode(path), 2000);
    return box.call.path_open(3, 0, 2000, path.length, flags, 0n, 0n, 0, 8);
  };

  it('names the preopen /dawg', () => {
    const box = harness({ preopenInput: true });

    box.call.fd_prestat_get(3, 0);
    const nameLength = box.view.getUint32(4, true);
    box.call.fd_prestat_dir_name(3, 100, nameLength);

    expect(readText(box, 100, nameLength)).toBe('/dawg');
  });

  it('opens input read-only, and seeks in it', () => {
    const box = harness({ preopenInput: true });

    expect(open(box, 'input')).toBe(errno.success);
    const fd = box.view.getUint32(8, true);
    box.view.setUint32(0, 100, true);
    box.view.setUint32(4, 64, true);
    box.call.fd_read(fd, 0, 1, 16);
    const seek = box.call.fd_seek(fd, -1n, 2, 24);

    expect(readText(box, 100, box.view.getUint32(16, true))).toBe(config);
    expect(seek).toBe(errno.success);
    expect(box.view.getBigUint64(24, true)).toBe(BigInt(config.length - 1));
    expect(box.call.fd_write(fd, 0, 1, 16)).toBe(errno.notCapable);
    expect(box.call.fd_seek(0, 0n, 0, 24)).toBe(errno.seekOnPipe);
  });

  it.each([
    ['another file', 'secret', 0],
    ['a parent directory', '../etc/hostname', 0],
    ['an absolute host path', '/etc/hostname', 0],
    ['a new file', 'hacked', 1],
    ['input, truncated', 'input', 8],
  ])('refuses %s with ENOTCAPABLE', (_name, path, flags) => {
    const box = harness({ preopenInput: true });

    expect(open(box, path, flags)).toBe(errno.notCapable);
  });

  it('refuses to create, rename or unlink anything in /dawg', () => {
    const box = harness({ preopenInput: true });

    expect(box.call.path_create_directory(3, 2000, 3)).toBe(errno.notCapable);
    expect(box.call.path_unlink_file(3, 2000, 5)).toBe(errno.notCapable);
    expect(box.call.path_rename(3, 2000, 5, 3, 2100, 5)).toBe(errno.notCapable);
    expect(box.call.path_symlink(2000, 5, 3, 2100, 5)).toBe(errno.notCapable);
  });
});

describe('createPreview1: time and randomness', () => {
  it('starts every run at the same instant and moves 1 µs per reading', () => {
    const first = harness();
    const second = harness();

    first.call.clock_time_get(0, 1n, 0);
    first.call.clock_time_get(1, 1n, 8);
    second.call.clock_time_get(0, 1n, 16);

    const readings = [0, 8].map((at) => first.view.getBigUint64(at, true));
    expect(readings[1]! - readings[0]!).toBe(1_000n);
    expect(second.view.getBigUint64(16, true)).toBe(readings[0]);
    expect(first.call.clock_time_get(9, 1n, 0)).toBe(errno.invalid);
  });

  it('gives every run the same random bytes', () => {
    const first = harness();
    const second = harness();

    first.call.random_get(0, 16);
    second.call.random_get(0, 16);
    first.call.random_get(16, 16);

    expect(first.bytes.subarray(0, 16)).toEqual(second.bytes.subarray(0, 16));
    expect(first.bytes.subarray(0, 16)).not.toEqual(first.bytes.subarray(16, 32));
  });

  it('answers an hour-long poll_oneoff at once, an hour later on the clock', () => {
    const box = harness();
    box.call.clock_time_get(0, 1n, 4000);
    box.view.setBigUint64(100, 42n, true);
    box.view.setUint8(108, 0);
    box.view.setUint32(116, 1, true);
    box.view.setBigUint64(124, hour, true);

    const result = box.call.poll_oneoff(100, 200, 1, 300);
    box.call.clock_time_get(0, 1n, 4008);

    expect(result).toBe(errno.success);
    expect(box.view.getUint32(300, true)).toBe(1);
    expect(box.view.getBigUint64(200, true)).toBe(42n);
    const slept = box.view.getBigUint64(4008, true) - box.view.getBigUint64(4000, true);
    expect(slept).toBe(hour + 1_000n);
  });

  it('reports stdin ready at once in poll_oneoff, with what is left to read', () => {
    const box = harness();
    box.view.setUint8(108, 1);
    box.view.setUint32(116, 0, true);

    box.call.poll_oneoff(100, 200, 1, 300);

    expect(box.view.getUint16(208, true)).toBe(errno.success);
    expect(box.view.getBigUint64(216, true)).toBe(BigInt(config.length));
    expect(box.call.poll_oneoff(100, 200, 0, 300)).toBe(errno.invalid);
  });
});
