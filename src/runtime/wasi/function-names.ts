/** The import module name of WASI preview1. */
export const preview1Module = 'wasi_snapshot_preview1';

/**
 * Every function of wasi_snapshot_preview1, as the witx of the snapshot lists them. A module
 * importing anything else (sock_open, env.*, a later WASI version) is refused before it runs.
 */
export const preview1FunctionNames = [
  'args_get', 'args_sizes_get', 'environ_get', 'environ_sizes_get', 'clock_res_get',
  'clock_time_get', 'fd_advise', 'fd_allocate', 'fd_close', 'fd_datasync', 'fd_fdstat_get',
  'fd_fdstat_set_flags', 'fd_fdstat_set_rights', 'fd_filestat_get', 'fd_filestat_set_size',
  'fd_filestat_set_times', 'fd_pread', 'fd_prestat_get', 'fd_prestat_dir_name', 'fd_pwrite',
  'fd_read', 'fd_readdir', 'fd_renumber', 'fd_seek', 'fd_sync', 'fd_tell', 'fd_write',
  'path_create_directory', 'path_filestat_get', 'path_filestat_set_times', 'path_link',
  'path_open', 'path_readlink', 'path_remove_directory', 'path_rename', 'path_symlink',
  'path_unlink_file', 'poll_oneoff', 'proc_exit', 'proc_raise', 'sched_yield', 'random_get',
  'sock_accept', 'sock_recv', 'sock_send', 'sock_shutdown',
] as const;

/** The name of one preview1 function. */
export type Preview1FunctionName = (typeof preview1FunctionNames)[number];

const names: ReadonlySet<string> = new Set(preview1FunctionNames);

/** Whether `name` is a function of wasi_snapshot_preview1. */
export function isPreview1FunctionName(name: string): name is Preview1FunctionName {
  return names.has(name);
}
