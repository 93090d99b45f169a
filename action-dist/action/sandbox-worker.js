import { createRequire as dawgCreateRequire } from 'node:module';
const require = dawgCreateRequire(import.meta.url);

// src/runtime/sandbox-worker.ts
import { parentPort } from "node:worker_threads";

// src/errors.ts
var marker = /* @__PURE__ */ Symbol.for("dawg.error");
var DawgError = class extends Error {
  code;
  hint;
  location;
  detail;
  [marker] = true;
  constructor(code, message, options = {}) {
    super(message, options.cause === void 0 ? void 0 : { cause: options.cause });
    this.name = "DawgError";
    this.code = code;
    this.hint = options.hint;
    this.location = options.location;
    this.detail = options.detail;
  }
};
function isDawgError(value) {
  return typeof value === "object" && value !== null && marker in value;
}

// src/runtime/limits.ts
var defaultMaxMemoryBytes = 256 * 1024 * 1024;
var defaultMaxOutputBytes = 16 * 1024 * 1024;
var defaultMaxStderrBytes = 64 * 1024;
var wasmPageBytes = 64 * 1024;
function formatBytes(bytes) {
  const units = [
    [1024 ** 3, "GiB"],
    [1024 ** 2, "MiB"],
    [1024, "KiB"]
  ];
  for (const [size, unit] of units) {
    if (bytes >= size) {
      const value = bytes / size;
      return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
    }
  }
  return `${bytes} bytes`;
}

// src/runtime/wasi/signals.ts
var ExitSignal = class {
  constructor(code) {
    this.code = code;
  }
  code;
};
var OutputLimitSignal = class {
  constructor(limitBytes) {
    this.limitBytes = limitBytes;
  }
  limitBytes;
};
var RaiseSignal = class {
  constructor(signal) {
    this.signal = signal;
  }
  signal;
};
function isStopSignal(value) {
  return value instanceof ExitSignal || value instanceof OutputLimitSignal || value instanceof RaiseSignal;
}

// src/runtime/run-failure.ts
var quotedStderrLines = 3;
var quotedStderrChars = 300;
var codesQuotingStderr = /* @__PURE__ */ new Set(["RUN_FAILED", "RUN_TRAP", "RUN_MEMORY"]);
function describeRunFailure(error, context) {
  if (isDawgError(error)) {
    return error;
  }
  if (error instanceof OutputLimitSignal) {
    return new DawgError(
      "RUN_OUTPUT_TOO_LARGE",
      `generator wrote more than its ${formatBytes(error.limitBytes)} output cap`
    );
  }
  if (error instanceof RaiseSignal) {
    return new DawgError("RUN_TRAP", `generator crashed: it raised signal ${error.signal}`);
  }
  if (error instanceof ExitSignal) {
    return new DawgError("RUN_FAILED", `generator exited with code ${error.code}`);
  }
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RangeError && /call stack/i.test(message)) {
    return new DawgError("RUN_TRAP", "generator trapped: stack overflow (endless recursion?)");
  }
  if (error instanceof RangeError && /Wasm memory|out of memory/i.test(message)) {
    return new DawgError("RUN_MEMORY", `generator could not get its memory: ${message}`);
  }
  if (error instanceof WebAssembly.RuntimeError) {
    return describeTrap(message, context);
  }
  if (error instanceof WebAssembly.LinkError) {
    return new DawgError("GENERATOR_FORBIDDEN_IMPORT", `generator cannot be linked: ${message}`);
  }
  return new DawgError("INTERNAL", `the sandbox failed while running the generator: ${message}`, {
    cause: error
  });
}
function describeTrap(message, context) {
  const inUseBytes = context.memory?.buffer.byteLength ?? 0;
  const usage = `${formatBytes(inUseBytes)} of its ${formatBytes(context.maxMemoryBytes)} memory maximum`;
  if (inUseBytes * 2 > context.maxMemoryBytes) {
    return new DawgError(
      "RUN_MEMORY",
      `generator ran out of memory: it trapped (${message}) with ${usage} in use`,
      {
        hint: "raise the memory cap (--max-memory-mb) if the generator really needs more"
      }
    );
  }
  return new DawgError("RUN_TRAP", `generator trapped: ${message} (${usage} in use)`);
}
function withStderr(error, stderr) {
  const trimmed = stderr.trim();
  if (trimmed === "" || !codesQuotingStderr.has(error.code)) {
    return error;
  }
  const lines = trimmed.split("\n");
  let quoted = lines.slice(0, quotedStderrLines).join(" / ");
  const isCut = lines.length > quotedStderrLines || quoted.length > quotedStderrChars;
  quoted = quoted.slice(0, quotedStderrChars);
  return new DawgError(error.code, `${error.message}: ${quoted}${isCut ? " …" : ""}`, {
    hint: error.hint,
    detail: trimmed
  });
}

// src/runtime/wasi/function-names.ts
var preview1Module = "wasi_snapshot_preview1";
var preview1FunctionNames = [
  "args_get",
  "args_sizes_get",
  "environ_get",
  "environ_sizes_get",
  "clock_res_get",
  "clock_time_get",
  "fd_advise",
  "fd_allocate",
  "fd_close",
  "fd_datasync",
  "fd_fdstat_get",
  "fd_fdstat_set_flags",
  "fd_fdstat_set_rights",
  "fd_filestat_get",
  "fd_filestat_set_size",
  "fd_filestat_set_times",
  "fd_pread",
  "fd_prestat_get",
  "fd_prestat_dir_name",
  "fd_pwrite",
  "fd_read",
  "fd_readdir",
  "fd_renumber",
  "fd_seek",
  "fd_sync",
  "fd_tell",
  "fd_write",
  "path_create_directory",
  "path_filestat_get",
  "path_filestat_set_times",
  "path_link",
  "path_open",
  "path_readlink",
  "path_remove_directory",
  "path_rename",
  "path_symlink",
  "path_unlink_file",
  "poll_oneoff",
  "proc_exit",
  "proc_raise",
  "sched_yield",
  "random_get",
  "sock_accept",
  "sock_recv",
  "sock_send",
  "sock_shutdown"
];
var names = new Set(preview1FunctionNames);

// src/runtime/wasi/clock.ts
var epochNanoseconds = 1704067200000000000n;
var tickNanoseconds = 1000n;
var FakeClock = class {
  nanoseconds = epochNanoseconds;
  /** Resolution reported to the module, in nanoseconds. */
  resolutionNanoseconds = tickNanoseconds;
  /** The time now, without moving the clock. */
  now() {
    return this.nanoseconds;
  }
  /** A reading: the time now, after moving the clock one tick. */
  read() {
    this.nanoseconds += tickNanoseconds;
    return this.nanoseconds;
  }
  /** Sleeps `duration` nanoseconds, instantly. */
  advanceBy(duration) {
    this.nanoseconds += duration;
  }
  /** Sleeps until the absolute time `at`, instantly; a time already passed changes nothing. */
  advanceTo(at) {
    if (at > this.nanoseconds) {
      this.nanoseconds = at;
    }
  }
};

// src/runtime/wasi/errno.ts
var errno = {
  success: 0,
  badFileDescriptor: 8,
  fault: 21,
  invalid: 28,
  isDirectory: 31,
  tooManyOpenFiles: 33,
  noEntry: 44,
  notDirectory: 54,
  seekOnPipe: 70,
  notCapable: 76
};
var fileType = {
  characterDevice: 2,
  directory: 3,
  regularFile: 4
};
var openFlags = {
  create: 1,
  directory: 2,
  exclusive: 4,
  truncate: 8
};
var whence = { set: 0, current: 1, end: 2 };

// src/runtime/wasi/fd-table.ts
var preopenName = "/dawg";
var inputFileName = "input";
var maxOpenInputs = 64;
var stdoutFd = 1;
var stderrFd = 2;
var preopenFd = 3;
var FdTable = class {
  entries = /* @__PURE__ */ new Map();
  nextFd = preopenFd + 1;
  openInputs = 0;
  constructor(options) {
    this.entries.set(0, { kind: "input", position: 0, isStdin: true });
    this.entries.set(stdoutFd, { kind: "stdout" });
    this.entries.set(stderrFd, { kind: "stderr" });
    if (options.preopenInput) {
      this.entries.set(preopenFd, { kind: "directory" });
    }
  }
  get(fd) {
    return this.entries.get(fd);
  }
  /** Opens /dawg/input; undefined once too many are open. */
  openInput() {
    if (this.openInputs >= maxOpenInputs) {
      return void 0;
    }
    const fd = this.nextFd;
    this.nextFd += 1;
    this.openInputs += 1;
    this.entries.set(fd, { kind: "input", position: 0, isStdin: false });
    return fd;
  }
  /** Closes `fd`; false when it was not open. Closed numbers are never handed out again. */
  close(fd) {
    const entry = this.entries.get(fd);
    if (entry === void 0) {
      return false;
    }
    if (entry.kind === "input" && !entry.isStdin) {
      this.openInputs -= 1;
    }
    this.entries.delete(fd);
    return true;
  }
};

// src/runtime/wasi/fd-calls.ts
var allRights = 0xffffffffffffffffn;
var prestatDirectoryTag = 0;
function createFdCalls(context) {
  const { memory, fds, output, input } = context;
  const refuse = (fd) => fds.get(fd) === void 0 ? errno.badFileDescriptor : errno.notCapable;
  const seekable = (fd) => {
    const entry = fds.get(fd);
    if (entry === void 0) {
      return errno.badFileDescriptor;
    }
    if (entry.kind !== "input" || entry.isStdin) {
      return entry.kind === "directory" ? errno.isDirectory : errno.seekOnPipe;
    }
    return entry;
  };
  return {
    fd_read: (fd, iovecs, count, readPointer) => {
      const entry = fds.get(fd);
      if (entry?.kind !== "input") {
        return refuse(fd);
      }
      let total = 0;
      for (const buffer of memory.buffers(iovecs, count)) {
        const chunk = input.subarray(entry.position, entry.position + buffer.length);
        memory.bytes(buffer.pointer, chunk.length).set(chunk);
        entry.position += chunk.length;
        total += chunk.length;
        if (chunk.length < buffer.length) {
          break;
        }
      }
      memory.writeUint32(readPointer, total);
      return errno.success;
    },
    fd_write: (fd, iovecs, count, writtenPointer) => {
      const entry = fds.get(fd);
      if (entry?.kind !== "stdout" && entry?.kind !== "stderr") {
        return refuse(fd);
      }
      let total = 0;
      for (const buffer of memory.buffers(iovecs, count)) {
        output.write(entry.kind, memory.bytes(buffer.pointer, buffer.length));
        total += buffer.length;
      }
      memory.writeUint32(writtenPointer, total);
      return errno.success;
    },
    fd_close: (fd) => fds.close(fd) ? errno.success : errno.badFileDescriptor,
    fd_seek: (fd, offset, from, pointer) => {
      const entry = seekable(fd);
      if (typeof entry === "number") {
        return entry;
      }
      const base = seekBase(from, { position: entry.position, size: input.length });
      const target = base === void 0 ? -1n : base + offset;
      if (target < 0n || target > BigInt(Number.MAX_SAFE_INTEGER)) {
        return errno.invalid;
      }
      memory.writeUint64(pointer, target);
      entry.position = Number(target);
      return errno.success;
    },
    fd_tell: (fd, pointer) => {
      const entry = seekable(fd);
      if (typeof entry === "number") {
        return entry;
      }
      memory.writeUint64(pointer, BigInt(entry.position));
      return errno.success;
    },
    fd_fdstat_get: (fd, pointer) => {
      const entry = fds.get(fd);
      if (entry === void 0) {
        return errno.badFileDescriptor;
      }
      memory.bytes(pointer, 24).fill(0);
      memory.writeUint8(pointer, typeOf(entry));
      memory.writeUint64(pointer + 8, allRights);
      memory.writeUint64(pointer + 16, allRights);
      return errno.success;
    },
    fd_fdstat_set_flags: (fd) => fds.get(fd) === void 0 ? errno.badFileDescriptor : errno.success,
    fd_filestat_get: (fd, pointer) => {
      const entry = fds.get(fd);
      if (entry === void 0) {
        return errno.badFileDescriptor;
      }
      const isFile = entry.kind === "input" && !entry.isStdin;
      memory.bytes(pointer, 64).fill(0);
      memory.writeUint8(pointer + 16, typeOf(entry));
      memory.writeUint64(pointer + 24, 1n);
      memory.writeUint64(pointer + 32, BigInt(isFile ? input.length : 0));
      return errno.success;
    },
    fd_prestat_get: (fd, pointer) => {
      if (fds.get(fd)?.kind !== "directory") {
        return errno.badFileDescriptor;
      }
      memory.writeUint8(pointer, prestatDirectoryTag);
      memory.writeUint32(pointer + 4, preopenName.length);
      return errno.success;
    },
    fd_prestat_dir_name: (fd, pointer, length) => {
      if (fds.get(fd)?.kind !== "directory") {
        return errno.badFileDescriptor;
      }
      const name = new TextEncoder().encode(preopenName);
      if (length >>> 0 < name.length) {
        return errno.invalid;
      }
      memory.bytes(pointer, name.length).set(name);
      return errno.success;
    },
    fd_advise: refuse,
    fd_allocate: refuse,
    fd_datasync: refuse,
    fd_sync: refuse,
    fd_fdstat_set_rights: refuse,
    fd_filestat_set_size: refuse,
    fd_filestat_set_times: refuse,
    fd_pread: refuse,
    fd_pwrite: refuse,
    fd_readdir: refuse,
    fd_renumber: refuse
  };
}
function seekBase(from, file) {
  switch (from) {
    case whence.set:
      return 0n;
    case whence.current:
      return BigInt(file.position);
    case whence.end:
      return BigInt(file.size);
    default:
      return void 0;
  }
}
function typeOf(entry) {
  if (entry.kind === "directory") {
    return fileType.directory;
  }
  const isFile = entry.kind === "input" && !entry.isStdin;
  return isFile ? fileType.regularFile : fileType.characterDevice;
}

// src/runtime/wasi/guest-memory.ts
var MemoryFault = class {
  constructor(pointer, length) {
    this.pointer = pointer;
    this.length = length;
  }
  pointer;
  length;
};
var iovecBytes = 8;
var GuestMemory = class {
  memory;
  bind(memory) {
    this.memory = memory;
  }
  /** A live view of `length` bytes at `pointer`. */
  bytes(pointer, length) {
    const buffer = this.buffer();
    const start = pointer >>> 0;
    const size = length >>> 0;
    if (start + size > buffer.byteLength) {
      throw new MemoryFault(start, size);
    }
    return new Uint8Array(buffer, start, size);
  }
  readUint32(pointer) {
    return this.view(pointer, 4).getUint32(0, true);
  }
  readUint64(pointer) {
    return this.view(pointer, 8).getBigUint64(0, true);
  }
  readUint8(pointer) {
    return this.view(pointer, 1).getUint8(0);
  }
  readUint16(pointer) {
    return this.view(pointer, 2).getUint16(0, true);
  }
  writeUint8(pointer, value) {
    this.view(pointer, 1).setUint8(0, value);
  }
  writeUint16(pointer, value) {
    this.view(pointer, 2).setUint16(0, value, true);
  }
  writeUint32(pointer, value) {
    this.view(pointer, 4).setUint32(0, value, true);
  }
  writeUint64(pointer, value) {
    this.view(pointer, 8).setBigUint64(0, value, true);
  }
  readText(pointer, length) {
    return new TextDecoder().decode(this.bytes(pointer, length));
  }
  /** The `count` iovecs listed at `pointer`, each checked to lie inside memory. */
  buffers(pointer, count) {
    const list = this.bytes(pointer, (count >>> 0) * iovecBytes);
    const view = new DataView(list.buffer, list.byteOffset, list.byteLength);
    const buffers = [];
    for (let offset = 0; offset < list.byteLength; offset += iovecBytes) {
      const buffer = {
        pointer: view.getUint32(offset, true),
        length: view.getUint32(offset + 4, true)
      };
      this.bytes(buffer.pointer, buffer.length);
      buffers.push(buffer);
    }
    return buffers;
  }
  view(pointer, length) {
    const bytes = this.bytes(pointer, length);
    return new DataView(bytes.buffer, bytes.byteOffset, length);
  }
  /** A call made before memory is bound (from a wasm start function) sees no memory at all. */
  buffer() {
    if (this.memory === void 0) {
      throw new MemoryFault(0, 0);
    }
    return this.memory.buffer;
  }
};

// src/runtime/wasi/output-capture.ts
var OutputCapture = class {
  constructor(options) {
    this.options = options;
  }
  options;
  stdoutChunks = [];
  stderrChunks = [];
  writtenBytes = 0;
  keptStderrBytes = 0;
  write(stream, chunk) {
    this.writtenBytes += chunk.length;
    if (this.writtenBytes > this.options.maxOutputBytes) {
      throw new OutputLimitSignal(this.options.maxOutputBytes);
    }
    if (stream === "stdout") {
      this.stdoutChunks.push(chunk.slice());
      return;
    }
    const room = this.options.maxStderrBytes - this.keptStderrBytes;
    if (room > 0) {
      const kept = chunk.slice(0, room);
      this.stderrChunks.push(kept);
      this.keptStderrBytes += kept.length;
    }
  }
  stdout() {
    return joinChunks(this.stdoutChunks);
  }
  stderr() {
    return joinChunks(this.stderrChunks);
  }
};
function joinChunks(chunks) {
  let total = 0;
  for (const chunk of chunks) {
    total += chunk.length;
  }
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return joined;
}

// src/runtime/wasi/path-calls.ts
var maxPathBytes = 4096;
var refusedOpenFlags = openFlags.create | openFlags.exclusive | openFlags.truncate;
function createPathCalls(context) {
  const { memory, fds, input } = context;
  const checkInputPath = (directoryFd, pointer, length) => {
    const directory = fds.get(directoryFd);
    if (directory === void 0) {
      return errno.badFileDescriptor;
    }
    if (directory.kind !== "directory") {
      return errno.notDirectory;
    }
    if (length >>> 0 > maxPathBytes) {
      return errno.notCapable;
    }
    const path = memory.readText(pointer, length);
    return path === inputFileName || path === `./${inputFileName}` ? errno.success : errno.notCapable;
  };
  const refuse = (directoryFd) => fds.get(directoryFd) === void 0 ? errno.badFileDescriptor : errno.notCapable;
  return {
    path_open: (directoryFd, _lookupFlags, path, pathLength, flags, _rightsBase, _rightsInheriting, _fdFlags, fdPointer) => {
      const checked = checkInputPath(directoryFd, path, pathLength);
      if (checked !== errno.success) {
        return checked;
      }
      if ((flags & refusedOpenFlags) !== 0) {
        return errno.notCapable;
      }
      if ((flags & openFlags.directory) !== 0) {
        return errno.notDirectory;
      }
      const fd = fds.openInput();
      if (fd === void 0) {
        return errno.tooManyOpenFiles;
      }
      memory.writeUint32(fdPointer, fd);
      return errno.success;
    },
    path_filestat_get: (directoryFd, _lookupFlags, path, pathLength, pointer) => {
      const checked = checkInputPath(directoryFd, path, pathLength);
      if (checked !== errno.success) {
        return checked;
      }
      memory.bytes(pointer, 64).fill(0);
      memory.writeUint8(pointer + 16, fileType.regularFile);
      memory.writeUint64(pointer + 24, 1n);
      memory.writeUint64(pointer + 32, BigInt(input.length));
      return errno.success;
    },
    path_create_directory: refuse,
    path_filestat_set_times: refuse,
    path_link: refuse,
    path_readlink: refuse,
    path_remove_directory: refuse,
    path_rename: refuse,
    path_symlink: (_oldPath, _oldLength, directoryFd) => refuse(directoryFd),
    path_unlink_file: refuse
  };
}

// src/runtime/wasi/poll-oneoff.ts
var subscriptionBytes = 48;
var eventBytes = 32;
var clockTag = 0;
var readTag = 1;
var writeTag = 2;
var absoluteTimeFlag = 1;
var clockIdCount = 4;
function createPollOneoff(context) {
  const { memory, fds, clock, input } = context;
  const descriptorEvent = (subscription) => {
    if (subscription.tag !== readTag && subscription.tag !== writeTag) {
      return { subscription, error: errno.invalid, readableBytes: 0 };
    }
    const entry = fds.get(subscription.target);
    const isReady = subscription.tag === readTag ? entry?.kind === "input" : entry?.kind === "stdout" || entry?.kind === "stderr";
    const readableBytes = entry?.kind === "input" ? input.length - entry.position : 0;
    const error = isReady ? errno.success : errno.badFileDescriptor;
    return { subscription, error, readableBytes: Math.max(0, readableBytes) };
  };
  const clockEvents = (subscriptions) => {
    const invalid = subscriptions.filter((subscription) => subscription.target >= clockIdCount);
    if (invalid.length > 0) {
      return invalid.map((subscription) => clockEvent(subscription, errno.invalid));
    }
    const start = clock.now();
    const deadline = (subscription) => subscription.isAbsolute ? subscription.timeout : start + subscription.timeout;
    let earliest = deadline(subscriptions[0]);
    for (const subscription of subscriptions) {
      if (deadline(subscription) < earliest) {
        earliest = deadline(subscription);
      }
    }
    clock.advanceTo(earliest);
    return subscriptions.filter((subscription) => deadline(subscription) <= earliest).map((subscription) => clockEvent(subscription, errno.success));
  };
  return {
    poll_oneoff: (subscriptions, events, count, eventCount) => {
      if (count >>> 0 === 0) {
        return errno.invalid;
      }
      const all = readSubscriptions(memory, subscriptions, count >>> 0);
      memory.bytes(events, all.length * eventBytes);
      const descriptors = all.filter((subscription) => subscription.tag !== clockTag);
      const ready = descriptors.length > 0 ? descriptors.map(descriptorEvent) : clockEvents(all);
      ready.forEach((event, index) => {
        writeEvent(memory, (events >>> 0) + index * eventBytes, event);
      });
      memory.writeUint32(eventCount, ready.length);
      return errno.success;
    }
  };
}
function clockEvent(subscription, error) {
  return { subscription, error, readableBytes: 0 };
}
function readSubscriptions(memory, pointer, count) {
  memory.bytes(pointer, count * subscriptionBytes);
  const subscriptions = [];
  for (let index = 0; index < count; index += 1) {
    const at = (pointer >>> 0) + index * subscriptionBytes;
    subscriptions.push({
      userdata: memory.readUint64(at),
      tag: memory.readUint8(at + 8),
      target: memory.readUint32(at + 16),
      timeout: memory.readUint64(at + 24),
      isAbsolute: (memory.readUint16(at + 40) & absoluteTimeFlag) !== 0
    });
  }
  return subscriptions;
}
function writeEvent(memory, pointer, event) {
  memory.bytes(pointer, eventBytes).fill(0);
  memory.writeUint64(pointer, event.subscription.userdata);
  memory.writeUint16(pointer + 8, event.error);
  memory.writeUint8(pointer + 10, event.subscription.tag);
  memory.writeUint64(pointer + 16, BigInt(event.readableBytes));
}

// src/runtime/wasi/process-calls.ts
var programArguments = ["generator"];
var environment = [];
var clockIdCount2 = 4;
function createProcessCalls(context) {
  const { memory, clock, random } = context;
  return {
    args_get: (pointers, buffer) => writeStrings(memory, programArguments, { pointers, buffer }),
    args_sizes_get: (count, size) => writeSizes(memory, programArguments, { count, size }),
    environ_get: (pointers, buffer) => writeStrings(memory, environment, { pointers, buffer }),
    environ_sizes_get: (count, size) => writeSizes(memory, environment, { count, size }),
    clock_res_get: (id, pointer) => {
      if (!isClockId(id)) {
        return errno.invalid;
      }
      memory.writeUint64(pointer, clock.resolutionNanoseconds);
      return errno.success;
    },
    clock_time_get: (id, _precision, pointer) => {
      if (!isClockId(id)) {
        return errno.invalid;
      }
      memory.writeUint64(pointer, clock.read());
      return errno.success;
    },
    random_get: (pointer, length) => {
      random.fill(memory.bytes(pointer, length));
      return errno.success;
    },
    sched_yield: () => errno.success,
    proc_exit: (code) => {
      throw new ExitSignal(code >>> 0);
    },
    proc_raise: (signal) => {
      throw new RaiseSignal(signal);
    }
  };
}
function isClockId(id) {
  return id >= 0 && id < clockIdCount2;
}
function writeStrings(memory, values, at) {
  let offset = at.buffer >>> 0;
  values.forEach((value, index) => {
    const encoded = new TextEncoder().encode(`${value}\0`);
    memory.bytes(offset, encoded.length).set(encoded);
    memory.writeUint32(at.pointers + index * 4, offset);
    offset += encoded.length;
  });
  return errno.success;
}
function writeSizes(memory, values, at) {
  let size = 0;
  for (const value of values) {
    size += new TextEncoder().encode(value).length + 1;
  }
  memory.writeUint32(at.count, values.length);
  memory.writeUint32(at.size, size);
  return errno.success;
}

// src/runtime/wasi/random.ts
var seed = 625341585;
var SeededRandom = class {
  state = seed;
  fill(target) {
    for (let index = 0; index < target.length; index += 4) {
      const value = this.next();
      for (let byte = 0; byte < 4 && index + byte < target.length; byte += 1) {
        target[index + byte] = value >>> byte * 8 & 255;
      }
    }
  }
  next() {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state;
  }
};

// src/runtime/wasi/socket-calls.ts
function createSocketCalls() {
  const refuse = () => errno.notCapable;
  return {
    sock_accept: refuse,
    sock_recv: refuse,
    sock_send: refuse,
    sock_shutdown: refuse
  };
}

// src/runtime/wasi/preview1.ts
function createPreview1(options) {
  const memory = new GuestMemory();
  const output = new OutputCapture(options);
  const context = {
    memory,
    fds: new FdTable({ preopenInput: options.preopenInput }),
    output,
    input: options.input,
    clock: new FakeClock(),
    random: new SeededRandom()
  };
  const calls = {
    ...createProcessCalls(context),
    ...createFdCalls(context),
    ...createPathCalls(context),
    ...createPollOneoff(context),
    ...createSocketCalls()
  };
  let stopped;
  const guard = (call) => (...args) => {
    if (stopped !== void 0) {
      throw stopped;
    }
    try {
      return call(...args);
    } catch (error) {
      if (error instanceof MemoryFault) {
        return errno.fault;
      }
      if (isStopSignal(error)) {
        stopped = error;
      }
      throw error;
    }
  };
  const imports = Object.fromEntries(Object.entries(calls).map(([name, call]) => [name, guard(call)]));
  return {
    imports,
    bindMemory: (bound) => memory.bind(bound),
    stdout: () => output.stdout(),
    stderr: () => output.stderr(),
    stopSignal: () => stopped,
    forgetCleanExit() {
      if (stopped instanceof ExitSignal && stopped.code === 0) {
        stopped = void 0;
      }
    }
  };
}

// src/runtime/run-inline.ts
function runGeneratorInline(generator, input, limits = {}) {
  const started = performance.now();
  const maxOutputBytes = limits.maxOutputBytes ?? defaultMaxOutputBytes;
  const wasi = createPreview1({
    input: new TextEncoder().encode(input),
    preopenInput: generator.convention === "reactor",
    maxOutputBytes,
    maxStderrBytes: limits.maxStderrBytes ?? defaultMaxStderrBytes
  });
  let memory;
  let result;
  try {
    const imports = { [preview1Module]: wasi.imports };
    const instance = new WebAssembly.Instance(generator.module, imports);
    memory = instance.exports["memory"];
    wasi.bindMemory(memory);
    const output = generator.convention === "command" ? runCommand(instance, wasi) : runReactor(instance, wasi, { memory, maxOutputBytes });
    result = { output };
  } catch (error) {
    const maxMemoryBytes = generator.memoryPages.maximum > 0 ? generator.memoryPages.maximum * wasmPageBytes : limits.maxMemoryBytes ?? defaultMaxMemoryBytes;
    result = { error: describeRunFailure(error, { memory, maxMemoryBytes }) };
  }
  const stderr = new TextDecoder().decode(wasi.stderr());
  const durationMs = performance.now() - started;
  if ("error" in result) {
    return { status: "failed", error: withStderr(result.error, stderr), stderr, durationMs };
  }
  return { status: "succeeded", output: result.output, stderr, durationMs };
}
function runCommand(instance, wasi) {
  const result = callExport(instance, "_start", wasi);
  if ("exitCode" in result && result.exitCode !== 0) {
    throw new DawgError("RUN_FAILED", `generator exited with code ${result.exitCode}`);
  }
  return new TextDecoder().decode(wasi.stdout());
}
function runReactor(instance, wasi, options) {
  for (const entry of ["_start", "_initialize"]) {
    if (typeof instance.exports[entry] !== "function") {
      continue;
    }
    const result2 = callExport(instance, entry, wasi);
    if ("exitCode" in result2 && result2.exitCode !== 0) {
      throw new DawgError(
        "RUN_FAILED",
        `generator exited with code ${result2.exitCode} in ${entry}`
      );
    }
    wasi.forgetCleanExit();
  }
  const result = callExport(instance, "generate", wasi);
  if ("exitCode" in result) {
    throw new DawgError("RUN_FAILED", `generator exited with code ${result.exitCode} in generate() instead of returning its output`);
  }
  const text = readReturnedOutput(result.value, options);
  if (text.startsWith("e")) {
    const reason = reactorError(text.slice(1));
    throw new DawgError("RUN_FAILED", `generator reported an error: ${reason}`);
  }
  return text;
}
function readReturnedOutput(packed, options) {
  if (typeof packed !== "bigint") {
    throw new DawgError(
      "GENERATOR_INVALID_MODULE",
      "generator module exports generate() without an i64 result: (pointer << 32) | length"
    );
  }
  const pointer = Number(BigInt.asUintN(64, packed) >> 32n);
  const length = Number(packed & 0xffffffffn);
  if (length > options.maxOutputBytes) {
    throw new DawgError("RUN_OUTPUT_TOO_LARGE", `generator returned ${formatBytes(length)}, over its ${formatBytes(options.maxOutputBytes)} output cap`);
  }
  const memoryBytes = options.memory.buffer.byteLength;
  if (pointer + length > memoryBytes) {
    throw new DawgError("RUN_TRAP", `generator returned an output buffer (offset ${pointer}, ${length} bytes) outside its ${formatBytes(memoryBytes)} of memory`);
  }
  return new TextDecoder().decode(new Uint8Array(options.memory.buffer, pointer, length));
}
function callExport(instance, name, wasi) {
  const entry = instance.exports[name];
  let outcome;
  try {
    outcome = { value: entry() };
  } catch (error) {
    outcome = { thrown: error };
  }
  const stop = wasi.stopSignal();
  if (stop instanceof ExitSignal) {
    return { exitCode: stop.code };
  }
  if (stop !== void 0) {
    throw stop;
  }
  if ("thrown" in outcome) {
    throw outcome.thrown;
  }
  return outcome;
}
function reactorError(json) {
  try {
    const parsed = JSON.parse(json);
    return typeof parsed.err === "string" ? parsed.err : json;
  } catch {
    return json;
  }
}

// src/runtime/sandbox-worker.ts
var port = parentPort;
if (port === null) {
  throw new Error("sandbox-worker must run as a worker thread");
}
port.on("message", (request) => {
  const outcome = runGeneratorInline(request.generator, request.input, request.limits);
  const { stderr, durationMs } = outcome;
  const reply = outcome.status === "succeeded" ? { type: "succeeded", taskId: request.taskId, output: outcome.output, stderr, durationMs } : {
    type: "failed",
    taskId: request.taskId,
    stderr,
    durationMs,
    error: {
      code: outcome.error.code,
      message: outcome.error.message,
      hint: outcome.error.hint,
      detail: outcome.error.detail
    }
  };
  port.postMessage(reply);
});
port.postMessage({ type: "ready" });
