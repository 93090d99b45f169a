/**
 * The path_* calls. The only path a generator can reach is `input` inside the reactor's /dawg
 * preopen, read-only; anything else (another name, `..`, an absolute path, creating, writing,
 * linking) is ENOTCAPABLE, and a directory descriptor that does not exist is EBADF.
 */
import type { CallContext, WasiFunctions } from './call-context.js';
import { errno, fileType, openFlags } from './errno.js';
import { inputFileName } from './fd-table.js';

type PathCallName =
  | 'path_open' | 'path_filestat_get' | 'path_create_directory' | 'path_filestat_set_times'
  | 'path_link' | 'path_readlink' | 'path_remove_directory' | 'path_rename' | 'path_symlink'
  | 'path_unlink_file';

/** Longest path worth decoding: anything longer cannot name `input`. */
const maxPathBytes = 4096;
const refusedOpenFlags = openFlags.create | openFlags.exclusive | openFlags.truncate;

/** The path_* calls over `context`'s descriptor table. */
export function createPathCalls(context: CallContext): WasiFunctions<PathCallName> {
  const { memory, fds, input } = context;
  /** errno for a path outside what the sandbox offers, or 0 when it names /dawg/input. */
  const checkInputPath = (directoryFd: number, pointer: number, length: number): number => {
    const directory = fds.get(directoryFd);
    if (directory === undefined) {
      return errno.badFileDescriptor;
    }
    if (directory.kind !== 'directory') {
      return errno.notDirectory;
    }
    if ((length >>> 0) > maxPathBytes) {
      return errno.notCapable;
    }
    const path = memory.readText(pointer, length);
    return path === inputFileName || path === `./${inputFileName}`
      ? errno.success
      : errno.notCapable;
  };
  const refuse = (directoryFd: number): number =>
    fds.get(directoryFd) === undefined ? errno.badFileDescriptor : errno.notCapable;

  return {
    path_open: (
      directoryFd: number, _lookupFlags: number, path: number, pathLength: number,
      flags: number, _rightsBase: bigint, _rightsInheriting: bigint, _fdFlags: number,
      fdPointer: number,
    ) => {
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
      if (fd === undefined) {
        return errno.tooManyOpenFiles;
      }
      memory.writeUint32(fdPointer, fd);
      return errno.success;
    },
    path_filestat_get: (
      directoryFd: number, _lookupFlags: number, path: number, pathLength: number,
      pointer: number,
    ) => {
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
    path_symlink: (_oldPath: number, _oldLength: number, directoryFd: number) =>
      refuse(directoryFd),
    path_unlink_file: refuse,
  };
}
