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

// src/runtime/wasm-binary.ts
var wasmPageBytes = 64 * 1024;
function formatPages(pages) {
  const mebibytes = pages * wasmPageBytes / (1024 * 1024);
  return `${Number.isInteger(mebibytes) ? mebibytes : mebibytes.toFixed(1)} MiB`;
}

// src/runtime/limits.ts
var defaultMaxMemoryBytes = 256 * 1024 * 1024;
var defaultMaxOutputBytes = 16 * 1024 * 1024;
function formatBytes(bytes) {
  const units = [[1024 * 1024, "MiB"], [1024, "KiB"]];
  for (const [size, unit] of units) {
    if (bytes >= size) {
      const value = bytes / size;
      return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
    }
  }
  return `${bytes} bytes`;
}

// src/runtime/wasi/errno.ts
var errno = {
  success: 0,
  badFileDescriptor: 8,
  invalid: 28,
  noEntry: 44,
  noSystemCall: 52,
  notSupported: 58,
  seekOnPipe: 70,
  notCapable: 76
};
var fileType = {
  characterDevice: 2,
  directory: 3,
  regularFile: 4
};
var preview1Module = "wasi_snapshot_preview1";

// src/runtime/wasi/deterministic.ts
var epochNanoseconds = 1704067200000000000n;
var tickNanoseconds = 1000n;
var seed = 0x9e3779b97f4a7c15n;
var mask64 = (1n << 64n) - 1n;
var DeterministicClock = class {
  nanoseconds = epochNanoseconds;
  read() {
    this.nanoseconds += tickNanoseconds;
    return this.nanoseconds;
  }
  advance(byNanoseconds) {
    this.nanoseconds += byNanoseconds;
  }
  /** For absolute deadlines: move to `at` if that is later than now. */
  advanceTo(at) {
    if (at > this.nanoseconds) {
      this.nanoseconds = at;
    }
  }
};
var DeterministicRandom = class {
  state = seed;
  fill(target) {
    for (let index = 0; index < target.length; index += 8) {
      const value = this.next();
      for (let byte = 0; byte < 8 && index + byte < target.length; byte += 1) {
        target[index + byte] = Number(value >> BigInt(byte * 8) & 0xffn);
      }
    }
  }
  next() {
    let x = this.state;
    x ^= x << 13n & mask64;
    x ^= x >> 7n;
    x ^= x << 17n & mask64;
    this.state = x;
    return x;
  }
};

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

// src/runtime/wasi/preview1.ts
var stdinFd = 0;
var stdoutFd = 1;
var stderrFd = 2;
var preopenFd = 3;
var preopenName = "/dawg";
var inputName = "input";
var allRights = 0xffffffffffffffffn;
var createFlags = 1 | 8;
var directoryFlag = 2;
var maxStderrBytes = 64 * 1024;
function createPreview1(io) {
  let memory;
  const clock = new DeterministicClock();
  const random = new DeterministicRandom();
  const stdout = [];
  const stderr = [];
  let outputBytes = 0;
  let stderrBytes = 0;
  const stdin = { position: 0 };
  const files = /* @__PURE__ */ new Map();
  let nextFd = preopenFd + 1;
  const view = () => new DataView(memoryOf().buffer);
  const bytes = () => new Uint8Array(memoryOf().buffer);
  const memoryOf = () => {
    if (memory === void 0) {
      throw new Error("WASI call before the module memory was bound");
    }
    return memory;
  };
  const isStdio = (fd) => fd >= stdinFd && fd <= stderrFd;
  const isPreopen = (fd) => io.preopenInput && fd === preopenFd;
  const readable = (fd) => fd === stdinFd ? stdin : files.get(fd);
  const exists = (fd) => isStdio(fd) || isPreopen(fd) || files.has(fd);
  const denied = (fd) => exists(fd) ? errno.notCapable : errno.badFileDescriptor;
  const writeStrings = (values, pointers, buffer) => {
    let offset = buffer;
    values.forEach((value, index) => {
      const encoded = new TextEncoder().encode(`${value}\0`);
      view().setUint32(pointers + index * 4, offset, true);
      bytes().set(encoded, offset);
      offset += encoded.length;
    });
    return errno.success;
  };
  const sizes = (values, countPointer, sizePointer) => {
    const size = values.reduce((sum, value) => sum + new TextEncoder().encode(value).length + 1, 0);
    view().setUint32(countPointer, values.length, true);
    view().setUint32(sizePointer, size, true);
    return errno.success;
  };
  const writeFilestat = (pointer, type, size) => {
    const data = view();
    for (let offset = 0; offset < 64; offset += 8) {
      data.setBigUint64(pointer + offset, 0n, true);
    }
    data.setUint8(pointer + 16, type);
    data.setBigUint64(pointer + 24, 1n, true);
    data.setBigUint64(pointer + 32, BigInt(size), true);
  };
  const isInputPath = (pointer, length) => {
    const path = new TextDecoder().decode(bytes().subarray(pointer, pointer + length));
    return path === inputName || path === `./${inputName}`;
  };
  const imports = {
    args_get: (argv, buffer) => writeStrings(["generator"], argv, buffer),
    args_sizes_get: (count, size) => sizes(["generator"], count, size),
    environ_get: (environ, buffer) => writeStrings([], environ, buffer),
    environ_sizes_get: (count, size) => sizes([], count, size),
    clock_res_get: (_id, pointer) => {
      view().setBigUint64(pointer, 1000n, true);
      return errno.success;
    },
    clock_time_get: (_id, _precision, pointer) => {
      view().setBigUint64(pointer, clock.read(), true);
      return errno.success;
    },
    random_get: (pointer, length) => {
      random.fill(bytes().subarray(pointer, pointer + length));
      return errno.success;
    },
    sched_yield: () => errno.success,
    fd_read: (fd, iovs, count, readPointer) => {
      const file = readable(fd);
      if (file === void 0) {
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
    fd_write: (fd, iovs, count, writtenPointer) => {
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
    fd_close: (fd) => {
      if (files.delete(fd) || isStdio(fd) || isPreopen(fd)) {
        return errno.success;
      }
      return errno.badFileDescriptor;
    },
    fd_seek: (fd, offset, whence, pointer) => {
      const file = files.get(fd);
      if (file === void 0) {
        return isStdio(fd) ? errno.seekOnPipe : denied(fd);
      }
      const base = [0, file.position, io.input.length][whence];
      const target = base === void 0 ? -1 : base + Number(offset);
      if (target < 0) {
        return errno.invalid;
      }
      file.position = target;
      view().setBigUint64(pointer, BigInt(target), true);
      return errno.success;
    },
    fd_tell: (fd, pointer) => {
      const file = files.get(fd);
      if (file === void 0) {
        return isStdio(fd) ? errno.seekOnPipe : denied(fd);
      }
      view().setBigUint64(pointer, BigInt(file.position), true);
      return errno.success;
    },
    fd_fdstat_get: (fd, pointer) => {
      if (!exists(fd)) {
        return errno.badFileDescriptor;
      }
      const type = isStdio(fd) ? fileType.characterDevice : isPreopen(fd) ? fileType.directory : fileType.regularFile;
      const data = view();
      data.setUint8(pointer, type);
      data.setUint16(pointer + 2, 0, true);
      data.setBigUint64(pointer + 8, allRights, true);
      data.setBigUint64(pointer + 16, allRights, true);
      return errno.success;
    },
    fd_fdstat_set_flags: (fd) => exists(fd) ? errno.success : errno.badFileDescriptor,
    fd_filestat_get: (fd, pointer) => {
      if (!exists(fd)) {
        return errno.badFileDescriptor;
      }
      const isFile = files.has(fd);
      const type = isFile ? fileType.regularFile : isPreopen(fd) ? fileType.directory : fileType.characterDevice;
      writeFilestat(pointer, type, isFile ? io.input.length : 0);
      return errno.success;
    },
    fd_prestat_get: (fd, pointer) => {
      if (!isPreopen(fd)) {
        return errno.badFileDescriptor;
      }
      view().setUint8(pointer, 0);
      view().setUint32(pointer + 4, preopenName.length, true);
      return errno.success;
    },
    fd_prestat_dir_name: (fd, pointer, length) => {
      if (!isPreopen(fd)) {
        return errno.badFileDescriptor;
      }
      bytes().set(new TextEncoder().encode(preopenName).subarray(0, length), pointer);
      return errno.success;
    },
    path_open: (dirFd, _lookup, path, pathLength, openFlags, _rightsBase, _rightsInheriting, _fdFlags, fdPointer) => {
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
    path_filestat_get: (dirFd, _flags, path, length, out) => {
      if (!isPreopen(dirFd)) {
        return denied(dirFd);
      }
      if (!isInputPath(path, length)) {
        return errno.notCapable;
      }
      writeFilestat(out, fileType.regularFile, io.input.length);
      return errno.success;
    },
    poll_oneoff: (subscriptions, events, count, eventCount) => {
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
    proc_exit: (code) => {
      throw new ExitSignal(code);
    },
    proc_raise: (signal) => {
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
    sock_shutdown: () => errno.notCapable
  };
  return {
    imports,
    bindMemory(bound) {
      memory = bound;
    },
    stdout: () => joinChunks(stdout),
    stderr: () => joinChunks(stderr)
  };
}
function joinChunks(chunks) {
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

// src/runtime/run-inline.ts
var quotedStderrLines = 3;
function runGeneratorInline(generator, input, limits = {}) {
  const started = performance.now();
  const maxOutputBytes = limits.maxOutputBytes ?? defaultMaxOutputBytes;
  const maxMemoryBytes = generator.memoryPages.maximum > 0 ? generator.memoryPages.maximum * wasmPageBytes : limits.maxMemoryBytes ?? defaultMaxMemoryBytes;
  const wasi = createPreview1({
    input: new TextEncoder().encode(input),
    preopenInput: generator.convention === "reactor",
    maxOutputBytes
  });
  let memory;
  const finish = (result) => {
    const stderr = new TextDecoder().decode(wasi.stderr());
    const durationMs = performance.now() - started;
    if ("error" in result) {
      return { status: "failed", error: withStderr(result.error, stderr), stderr, durationMs };
    }
    return { status: "succeeded", output: result.output, stderr, durationMs };
  };
  try {
    const instance = new WebAssembly.Instance(generator.module, { [preview1Module]: wasi.imports });
    memory = instance.exports["memory"];
    wasi.bindMemory(memory);
    const output = generator.convention === "command" ? runCommand(instance, wasi) : runReactor(instance, memory, maxOutputBytes);
    return finish({ output });
  } catch (error) {
    return finish({ error: classify(error, memory, maxMemoryBytes) });
  }
}
function runCommand(instance, wasi) {
  const code = callEntry(instance, "_start");
  if (code !== 0) {
    throw new DawgError("RUN_FAILED", `generator exited with code ${code}`);
  }
  return new TextDecoder().decode(wasi.stdout());
}
function runReactor(instance, memory, maxOutputBytes) {
  for (const entry of ["_start", "_initialize"]) {
    if (typeof instance.exports[entry] === "function") {
      const code = callEntry(instance, entry);
      if (code !== 0) {
        throw new DawgError("RUN_FAILED", `generator exited with code ${code} in ${entry}`);
      }
      break;
    }
  }
  const generate = instance.exports["generate"];
  const packed = exitCodeOr(() => generate());
  if (typeof packed === "number") {
    throw new DawgError("RUN_FAILED", `generator exited with code ${packed} in generate()`);
  }
  const result = BigInt.asUintN(64, BigInt(packed.value));
  const pointer = Number(result >> 32n);
  const length = Number(result & 0xffffffffn);
  if (length > maxOutputBytes) {
    throw new DawgError("RUN_OUTPUT_TOO_LARGE", `generator returned ${formatBytes(length)}, over its ${formatBytes(maxOutputBytes)} output cap`);
  }
  if (pointer + length > memory.buffer.byteLength) {
    throw new DawgError("RUN_FAILED", `generate() returned a buffer (offset ${pointer}, ${length} bytes) outside the module's memory`);
  }
  const text = new TextDecoder().decode(new Uint8Array(memory.buffer, pointer, length));
  if (text.startsWith("e")) {
    throw new DawgError("RUN_FAILED", `generator reported an error: ${reactorError(text.slice(1))}`);
  }
  return text;
}
function callEntry(instance, name) {
  const entry = instance.exports[name];
  const result = exitCodeOr(() => entry());
  return typeof result === "number" ? result : 0;
}
function exitCodeOr(call) {
  try {
    return { value: call() };
  } catch (error) {
    if (error instanceof ExitSignal) {
      return error.code;
    }
    throw error;
  }
}
function reactorError(json) {
  try {
    const parsed = JSON.parse(json);
    return typeof parsed.err === "string" ? parsed.err : json;
  } catch {
    return json;
  }
}
function classify(error, memory, maxMemoryBytes) {
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
    return new DawgError("RUN_TRAP", `generator raised signal ${error.signal}`);
  }
  if (error instanceof ExitSignal) {
    return new DawgError("RUN_FAILED", `generator exited with code ${error.code}`);
  }
  const message = error instanceof Error ? error.message : String(error);
  const inUse = memory?.buffer.byteLength ?? 0;
  if (inUse * 2 >= maxMemoryBytes || /out of memory|Cannot allocate Wasm memory/i.test(message)) {
    const used = formatPages(inUse / wasmPageBytes);
    const maximum = formatPages(maxMemoryBytes / wasmPageBytes);
    return new DawgError("RUN_MEMORY", `generator stopped with ${used} of its ${maximum} memory maximum in use, most likely out of memory (${message})`, {
      hint: "raise --max-memory-mb if the generator really needs more"
    });
  }
  if (error instanceof RangeError && /call stack/i.test(message)) {
    return new DawgError("RUN_TRAP", "generator trapped: stack overflow (endless recursion?)");
  }
  if (error instanceof WebAssembly.RuntimeError) {
    return new DawgError("RUN_TRAP", `generator trapped: ${message}`);
  }
  if (error instanceof WebAssembly.LinkError) {
    return new DawgError("GENERATOR_FORBIDDEN_IMPORT", `generator cannot be linked: ${message}`);
  }
  return new DawgError("RUN_FAILED", `generator failed: ${message}`);
}
function withStderr(error, stderr) {
  const trimmed = stderr.trim();
  if (trimmed === "" || error.code !== "RUN_FAILED" && error.code !== "RUN_TRAP") {
    return error;
  }
  const lines = trimmed.split("\n");
  const quoted = lines.slice(0, quotedStderrLines).join(" / ");
  const more = lines.length > quotedStderrLines ? " …" : "";
  return new DawgError(error.code, `${error.message}: ${quoted}${more}`, {
    hint: error.hint,
    detail: trimmed
  });
}

// src/runtime/sandbox-worker.ts
var port = parentPort;
if (port === null) {
  throw new Error("sandbox-worker must run as a worker thread");
}
port.on("message", (request) => {
  const outcome = runGeneratorInline(request, request.input, request.limits);
  const reply = outcome.status === "succeeded" ? { taskId: request.taskId, ...outcome } : {
    taskId: request.taskId,
    status: "failed",
    stderr: outcome.stderr,
    durationMs: outcome.durationMs,
    error: {
      code: outcome.error.code,
      message: outcome.error.message,
      hint: outcome.error.hint,
      detail: outcome.error.detail
    }
  };
  port.postMessage(reply);
});
