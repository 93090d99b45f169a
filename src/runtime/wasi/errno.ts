/**
 * WASI preview1 numbers the sandbox answers with: errno values, file types and flag bits, as
 * listed in wasi_snapshot_preview1's witx (`errno`, `filetype`, `oflags`, `whence`).
 */

/** `errno` values the sandbox answers with. */
export const errno = {
  success: 0,
  badFileDescriptor: 8,
  fault: 21,
  invalid: 28,
  isDirectory: 31,
  tooManyOpenFiles: 33,
  noEntry: 44,
  notDirectory: 54,
  seekOnPipe: 70,
  notCapable: 76,
} as const;

/** `filetype` values of the descriptors the sandbox has. */
export const fileType = {
  characterDevice: 2,
  directory: 3,
  regularFile: 4,
} as const;

/** `oflags` bits of path_open. */
export const openFlags = {
  create: 0x1,
  directory: 0x2,
  exclusive: 0x4,
  truncate: 0x8,
} as const;

/** `whence` values of fd_seek, in order: set, current, end. */
export const whence = { set: 0, current: 1, end: 2 } as const;
