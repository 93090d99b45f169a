/**
 * The fd_* calls over the in-memory descriptors of fd-table.ts: read the config, write stdout
 * and stderr, seek in /dawg/input, describe descriptors. Every other fd_* call is refused:
 * EBADF for a descriptor that does not exist, ENOTCAPABLE for one that does.
 */
import type { CallContext, WasiFunctions } from './call-context.js';
import { errno, fileType, whence } from './errno.js';
import { preopenName, type FdEntry } from './fd-table.js';

type FdCallName =
  | 'fd_read' | 'fd_write' | 'fd_close' | 'fd_seek' | 'fd_tell' | 'fd_fdstat_get'
  | 'fd_fdstat_set_flags' | 'fd_filestat_get' | 'fd_prestat_get' | 'fd_prestat_dir_name'
  | 'fd_advise' | 'fd_allocate' | 'fd_datasync' | 'fd_sync' | 'fd_fdstat_set_rights'
  | 'fd_filestat_set_size' | 'fd_filestat_set_times' | 'fd_pread' | 'fd_pwrite'
  | 'fd_readdir' | 'fd_renumber';

/**
 * Rights reported by fd_fdstat_get: all of them. Some libcs refuse an fd whose rights look
 * short, and the calls themselves enforce what each descriptor may do.
 */
const allRights = 0xffff_ffff_ffff_ffffn;
/** The `prestat` record's tag for a directory, the only kind of preopen there is. */
const prestatDirectoryTag = 0;

/** The fd_* calls over `context`'s descriptor table. */
export function createFdCalls(context: CallContext): WasiFunctions<FdCallName> {
  const { memory, fds, output, input } = context;
  const refuse = (fd: number): number =>
    fds.get(fd) === undefined ? errno.badFileDescriptor : errno.notCapable;
  const seekable = (fd: number): Extract<FdEntry, { kind: 'input' }> | number => {
    const entry = fds.get(fd);
    if (entry === undefined) {
      return errno.badFileDescriptor;
    }
    if (entry.kind !== 'input' || entry.isStdin) {
      return entry.kind === 'directory' ? errno.isDirectory : errno.seekOnPipe;
    }
    return entry;
  };

  return {
    fd_read: (fd: number, iovecs: number, count: number, readPointer: number) => {
      const entry = fds.get(fd);
      if (entry?.kind !== 'input') {
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
    fd_write: (fd: number, iovecs: number, count: number, writtenPointer: number) => {
      const entry = fds.get(fd);
      if (entry?.kind !== 'stdout' && entry?.kind !== 'stderr') {
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
    fd_close: (fd: number) => (fds.close(fd) ? errno.success : errno.badFileDescriptor),
    fd_seek: (fd: number, offset: bigint, from: number, pointer: number) => {
      const entry = seekable(fd);
      if (typeof entry === 'number') {
        return entry;
      }
      const base = seekBase(from, { position: entry.position, size: input.length });
      const target = base === undefined ? -1n : base + offset;
      if (target < 0n || target > BigInt(Number.MAX_SAFE_INTEGER)) {
        return errno.invalid;
      }
      memory.writeUint64(pointer, target);
      entry.position = Number(target);
      return errno.success;
    },
    fd_tell: (fd: number, pointer: number) => {
      const entry = seekable(fd);
      if (typeof entry === 'number') {
        return entry;
      }
      memory.writeUint64(pointer, BigInt(entry.position));
      return errno.success;
    },
    fd_fdstat_get: (fd: number, pointer: number) => {
      const entry = fds.get(fd);
      if (entry === undefined) {
        return errno.badFileDescriptor;
      }
      memory.bytes(pointer, 24).fill(0);
      memory.writeUint8(pointer, typeOf(entry));
      memory.writeUint64(pointer + 8, allRights);
      memory.writeUint64(pointer + 16, allRights);
      return errno.success;
    },
    fd_fdstat_set_flags: (fd: number) =>
      fds.get(fd) === undefined ? errno.badFileDescriptor : errno.success,
    fd_filestat_get: (fd: number, pointer: number) => {
      const entry = fds.get(fd);
      if (entry === undefined) {
        return errno.badFileDescriptor;
      }
      const isFile = entry.kind === 'input' && !entry.isStdin;
      memory.bytes(pointer, 64).fill(0);
      memory.writeUint8(pointer + 16, typeOf(entry));
      memory.writeUint64(pointer + 24, 1n);
      memory.writeUint64(pointer + 32, BigInt(isFile ? input.length : 0));
      return errno.success;
    },
    fd_prestat_get: (fd: number, pointer: number) => {
      if (fds.get(fd)?.kind !== 'directory') {
        return errno.badFileDescriptor;
      }
      memory.writeUint8(pointer, prestatDirectoryTag);
      memory.writeUint32(pointer + 4, preopenName.length);
      return errno.success;
    },
    fd_prestat_dir_name: (fd: number, pointer: number, length: number) => {
      if (fds.get(fd)?.kind !== 'directory') {
        return errno.badFileDescriptor;
      }
      const name = new TextEncoder().encode(preopenName);
      if ((length >>> 0) < name.length) {
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
    fd_renumber: refuse,
  };
}

function seekBase(
  from: number,
  file: { readonly position: number; readonly size: number },
): bigint | undefined {
  switch (from) {
    case whence.set:
      return 0n;
    case whence.current:
      return BigInt(file.position);
    case whence.end:
      return BigInt(file.size);
    default:
      return undefined;
  }
}

function typeOf(entry: FdEntry): number {
  if (entry.kind === 'directory') {
    return fileType.directory;
  }
  const isFile = entry.kind === 'input' && !entry.isStdin;
  return isFile ? fileType.regularFile : fileType.characterDevice;
}
