/**
 * An in-memory WASI preview1 layer: the only "host" a generator ever sees. Written by hand
 * because Node's node:wasi hands modules the host's stdio by default, cannot be interrupted
 * inside a blocking call and is documented as no sandbox; nothing here reaches a host file,
 * directory, socket, clock or environment variable, and no call can block.
 *
 * What a module gets: stdin holding its config, stdout and stderr captured up to a cap, an empty
 * environment, args ["generator"], a fixed clock and random source, and, for reactor modules
 * only, a read-only directory /dawg holding one file, `input`.
 */
import { DeterministicClock, DeterministicRandom } from './deterministic.js';
import { errno, fileType } from './errno.js';
import { ExitSignal, OutputLimitSignal, RaiseSignal } from './signals.js';

export interface SandboxIo {
  /** The config, readable on fd 0 and, with `preopenInput`, at /dawg/input. */
  readonly input: Uint8Array;
  /** Offer the directory /dawg with the file `input` (the reactor convention). */
  readonly preopenInput: boolean;
  /** Cap on stdout plus stderr, in bytes. */
  readonly maxOutputBytes: number;
}

export interface Preview1 {
  readonly imports: Record<string, (...args: never[]) => number>;
  bindMemory(memory: WebAssembly.Memory): void;
  stdout(): Uint8Array;
  stderr(): Uint8Array;
}

const stdinFd = 0;
const stdoutFd = 1;
const stderrFd = 2;
const preopenFd = 3;
const preopenName = '/dawg';
const inputName = 'input';
/** Rights: every bit set; the sandbox enforces what matters itself. */
const allRights = 0xffff_ffff_ffff_ffffn;
/** path_open flags that would create, truncate or write: refused on /dawg/input. */
const createFlags = 0x1 | 0x8;
const directoryFlag = 0x2;
/** Stderr kept for error messages; the rest still counts toward the output cap. */
const maxStderrBytes = 64 * 1024;

interface OpenFile {
  position: number;
}

export function createPreview1(io: SandboxIo): Preview1 {
  let memory: WebAssembly.Memory | undefined;
  const clock = new DeterministicClock();
  const random = new DeterministicRandom();
  const stdout: Uint8Array[] = [];
  const stderr: Uint8Array[] = [];
  let outputBytes = 0;
  let stderrBytes = 0;
  const stdin: OpenFile = { position: 0 };
  const files = new Map<number, OpenFile>();
  let nextFd = preopenFd + 1;

  const view = (): DataView => new DataView(memoryOf().buffer);
  const bytes = (): Uint8Array => new Uint8Array(memoryOf().buffer);
  const memoryOf = (): WebAssembly.Memory => {
    if (memory === undefined) {
      throw new Error('WASI call before the module memory was bound');
    }
    return memory;
  };
  const isStdio = (fd: number): boolean => fd >= stdinFd && fd <= stderrFd;
  const isPreopen = (fd: number): boolean => io.preopenInput && fd === preopenFd;
  const readable = (fd: number): OpenFile | undefined => (fd === stdinFd ? stdin : files.get(fd));
  const exists = (fd: number): boolean => isStdio(fd) || isPreopen(fd) || files.has(fd);
  const denied = (fd: number): number => (exists(fd) ? errno.notCapable : errno.badFileDescriptor);

  const writeStrings = (values: readonly string[], pointers: number, buffer: number): number => {
    let offset = buffer;
    values.forEach((value, index) => {
      const encoded = new TextEncoder().encode(`${value}\0`);
      view().setUint32(pointers + index * 4, offset, true);
      bytes().set(encoded, offset);
      offset += encoded.length;
    });
    return errno.success;
  };
  const sizes = (values: readonly string[], countPointer: number, sizePointer: number): number => {
    const size = values.reduce((sum, value) => sum + new TextEncoder().encode(value).length + 1, 0);
    view().setUint32(countPointer, values.length, true);
    view().setUint32(sizePointer, size, true);
    return errno.success;
  };
  const writeFilestat = (pointer: number, type: number, size: number): void => {
    const data = view();
    for (let offset = 0; offset < 64; offset += 8) {
      data.setBigUint64(pointer + offset, 0n, true);
    }
    data.setUint8(pointer + 16, type);
    data.setBigUint64(pointer + 24, 1n, true);
    data.setBigUint64(pointer + 32, BigInt(size), true);
  };
  const isInputPath = (pointer: number, length: number): boolean => {
    const path = new TextDecoder().decode(bytes().subarray(pointer, pointer + length));
    return path === inputName || path === `./${inputName}`;
  };

  const imports = {
    args_get: (argv: number, buffer: number) => writeStrings(['generator'], argv, buffer),
    args_sizes_get: (count: number, size: number) => sizes(['generator'], count, size),
    environ_get: (environ: number, buffer: number) => writeStrings([], environ, buffer),
    environ_sizes_get: (count: number, size: number) => sizes([], count, size),

    clock_res_get: (_id: number, pointer: number) => {
      view().setBigUint64(pointer, 1_000n, true);
      return errno.success;
    },
    clock_time_get: (_id: number, _precision: bigint, pointer: number) => {
      view().setBigUint64(pointer, clock.read(), true);
      return errno.success;
    },
    random_get: (pointer: number, length: number) => {
      random.fill(bytes().subarray(pointer, pointer + length));
      return errno.success;
    },
    sched_yield: () => errno.success,

    fd_read: (fd: number, iovs: number, count: number, readPointer: number) => {
      const file = readable(fd);
      if (file === undefined) {
        return denied(fd);
      }
      let total = 0;
      for (let index = 0; index < count; index += 1) {
        const pointer = view().getUint32(iovs + index * 8, true);
        const length = view().getUint32(iovs + index * 8 + 4, true);
        const chunk = io.input.subarray(file.position, file.position + length);
        bytes().set(chunk, pointer);
        file.position += chunk.length;
        total += chunk.length;
        if (chunk.length < length) {
          break;
        }
      }
      view().setUint32(readPointer, total, true);
      return errno.success;
    },
    fd_write: (fd: number, iovs: number, count: number, writtenPointer: number) => {
      if (fd !== stdoutFd && fd !== stderrFd) {
        return denied(fd);
      }
      let total = 0;
      for (let index = 0; index < count; index += 1) {
        const pointer = view().getUint32(iovs + index * 8, true);
        const length = view().getUint32(iovs + index * 8 + 4, true);
        outputBytes += length;
        if (outputBytes > io.maxOutputBytes) {
          throw new OutputLimitSignal(io.maxOutputBytes);
        }
        const chunk = bytes().slice(pointer, pointer + length);
        if (fd === stdoutFd) {
          stdout.push(chunk);
        } else if (stderrBytes < maxStderrBytes) {
          stderr.push(chunk.subarray(0, maxStderrBytes - stderrBytes));
          stderrBytes += chunk.length;
        }
        total += length;
      }
      view().setUint32(writtenPointer, total, true);
      return errno.success;
    },
    fd_close: (fd: number) => {
      if (files.delete(fd) || isStdio(fd) || isPreopen(fd)) {
        return errno.success;
      }
      return errno.badFileDescriptor;
    },
    fd_seek: (fd: number, offset: bigint, whence: number, pointer: number) => {
      const file = files.get(fd);
      if (file === undefined) {
        return isStdio(fd) ? errno.seekOnPipe : denied(fd);
      }
      const base = [0, file.position, io.input.length][whence];
      const target = base === undefined ? -1 : base + Number(offset);
      if (target < 0) {
        return errno.invalid;
      }
      file.position = target;
      view().setBigUint64(pointer, BigInt(target), true);
      return errno.success;
    },
    fd_tell: (fd: number, pointer: number) => {
      const file = files.get(fd);
      if (file === undefined) {
        return isStdio(fd) ? errno.seekOnPipe : denied(fd);
      }
      view().setBigUint64(pointer, BigInt(file.position), true);
      return errno.success;
    },
    fd_fdstat_get: (fd: number, pointer: number) => {
      if (!exists(fd)) {
        return errno.badFileDescriptor;
      }
      const type = isStdio(fd)
        ? fileType.characterDevice
        : isPreopen(fd) ? fileType.directory : fileType.regularFile;
      const data = view();
      data.setUint8(pointer, type);
      data.setUint16(pointer + 2, 0, true);
      data.setBigUint64(pointer + 8, allRights, true);
      data.setBigUint64(pointer + 16, allRights, true);
      return errno.success;
    },
    fd_fdstat_set_flags: (fd: number) => (exists(fd) ? errno.success : errno.badFileDescriptor),
    fd_filestat_get: (fd: number, pointer: number) => {
      if (!exists(fd)) {
        return errno.badFileDescriptor;
      }
      const isFile = files.has(fd);
      const type = isFile ? fileType.regularFile : isPreopen(fd)
        ? fileType.directory
        : fileType.characterDevice;
      writeFilestat(pointer, type, isFile ? io.input.length : 0);
      return errno.success;
    },
    fd_prestat_get: (fd: number, pointer: number) => {
      if (!isPreopen(fd)) {
        return errno.badFileDescriptor;
      }
      view().setUint8(pointer, 0);
      view().setUint32(pointer + 4, preopenName.length, true);
      return errno.success;
    },
    fd_prestat_dir_name: (fd: number, pointer: number, length: number) => {
      if (!isPreopen(fd)) {
        return errno.badFileDescriptor;
      }
      bytes().set(new TextEncoder().encode(preopenName).subarray(0, length), pointer);
      return errno.success;
    },
    path_open: (
      dirFd: number, _lookup: number, path: number, pathLength: number, openFlags: number,
      _rightsBase: bigint, _rightsInheriting: bigint, _fdFlags: number, fdPointer: number,
    ) => {
      if (!isPreopen(dirFd)) {
        return denied(dirFd);
      }
      if (!isInputPath(path, pathLength)) {
        return errno.notCapable;
      }
      if ((openFlags & (createFlags | directoryFlag)) !== 0) {
        return errno.notCapable;
      }
      const fd = nextFd;
      nextFd += 1;
      files.set(fd, { position: 0 });
      view().setUint32(fdPointer, fd, true);
      return errno.success;
    },
    path_filestat_get: (dirFd: number, _flags: number, path: number, length: number, out: number) => {
      if (!isPreopen(dirFd)) {
        return denied(dirFd);
      }
      if (!isInputPath(path, length)) {
        return errno.notCapable;
      }
      writeFilestat(out, fileType.regularFile, io.input.length);
      return errno.success;
    },
    poll_oneoff: (subscriptions: number, events: number, count: number, eventCount: number) => {
      const data = view();
      for (let index = 0; index < count; index += 1) {
        const subscription = subscriptions + index * 48;
        const event = events + index * 32;
        const tag = data.getUint8(subscription + 8);
        if (tag === 0) {
          const timeout = data.getBigUint64(subscription + 24, true);
          const isAbsolute = (data.getUint16(subscription + 40, true) & 1) === 1;
          if (isAbsolute) {
            clock.advanceTo(timeout);
          } else {
            clock.advance(timeout);
          }
        }
        data.setBigUint64(event, data.getBigUint64(subscription, true), true);
        data.setUint16(event + 8, errno.success, true);
        data.setUint8(event + 10, tag);
        data.setBigUint64(event + 16, 0n, true);
        data.setUint16(event + 24, 0, true);
      }
      data.setUint32(eventCount, count, true);
      return errno.success;
    },
    proc_exit: (code: number): number => {
      throw new ExitSignal(code);
    },
    proc_raise: (signal: number): number => {
      throw new RaiseSignal(signal);
    },

    fd_advise: denied,
    fd_allocate: denied,
    fd_datasync: denied,
    fd_sync: denied,
    fd_fdstat_set_rights: denied,
    fd_filestat_set_size: denied,
    fd_filestat_set_times: denied,
    fd_pread: denied,
    fd_pwrite: denied,
    fd_readdir: denied,
    fd_renumber: denied,
    path_create_directory: () => errno.notCapable,
    path_filestat_set_times: () => errno.notCapable,
    path_link: () => errno.notCapable,
    path_readlink: () => errno.notCapable,
    path_remove_directory: () => errno.notCapable,
    path_rename: () => errno.notCapable,
    path_symlink: () => errno.notCapable,
    path_unlink_file: () => errno.notCapable,
    sock_accept: () => errno.notCapable,
    sock_recv: () => errno.notCapable,
    sock_send: () => errno.notCapable,
    sock_shutdown: () => errno.notCapable,
  };

  return {
    imports: imports as unknown as Preview1['imports'],
    bindMemory(bound) {
      memory = bound;
    },
    stdout: () => joinChunks(stdout),
    stderr: () => joinChunks(stderr),
  };
}

function joinChunks(chunks: readonly Uint8Array[]): Uint8Array {
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
