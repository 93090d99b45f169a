/** WASI preview1 errno values used by the sandbox (wasi_snapshot_preview1 `errno`). */
export const errno = {
  success: 0,
  badFileDescriptor: 8,
  invalid: 28,
  noEntry: 44,
  noSystemCall: 52,
  notSupported: 58,
  seekOnPipe: 70,
  notCapable: 76,
} as const;

/** WASI file types (wasi_snapshot_preview1 `filetype`). */
export const fileType = {
  characterDevice: 2,
  directory: 3,
  regularFile: 4,
} as const;

/** Every function of wasi_snapshot_preview1: anything else a module imports is refused. */
export const preview1Functions: ReadonlySet<string> = new Set([
  'args_get', 'args_sizes_get', 'environ_get', 'environ_sizes_get', 'clock_res_get',
  'clock_time_get', 'fd_advise', 'fd_allocate', 'fd_close', 'fd_datasync', 'fd_fdstat_get',
  'fd_fdstat_set_flags', 'fd_fdstat_set_rights', 'fd_filestat_get', 'fd_filestat_set_size',
  'fd_filestat_set_times', 'fd_pread', 'fd_prestat_get', 'fd_prestat_dir_name', 'fd_pwrite',
  'fd_read', 'fd_readdir', 'fd_renumber', 'fd_seek', 'fd_sync', 'fd_tell', 'fd_write',
  'path_create_directory', 'path_filestat_get', 'path_filestat_set_times', 'path_link',
  'path_open', 'path_readlink', 'path_remove_directory', 'path_rename', 'path_symlink',
  'path_unlink_file', 'poll_oneoff', 'proc_exit', 'proc_raise', 'sched_yield', 'random_get',
  'sock_accept', 'sock_recv', 'sock_send', 'sock_shutdown',
]);

export const preview1Module = 'wasi_snapshot_preview1';
