import v8 from 'node:v8';

import { defaultMaxMemoryBytes, memoryCapPages } from './limits.js';

/**
 * The process-wide guard never goes below the default cap, whatever a pool's own cap: it
 * binds every wasm instance in the process, including Node's own HTTP parser and tools such
 * as wabt in tests.
 */
const minimumGuardPages = memoryCapPages(defaultMaxMemoryBytes);
/** The guard in force: it only ever rises, since lowering it could break a running pool. */
let guardPages = 0;

/**
 * Sets V8's --wasm-max-mem-pages, the second guard behind the per-module cap of
 * wasm-binary.ts: should a module's memory escape the rewrite, V8 still refuses to grow it
 * past this. It binds worker threads too. Worker execArgv refuses the flag
 * (ERR_WORKER_INVALID_EXEC_ARGV), and a re-exec of the user's process costs 60 ms, so it is
 * set at run time; that was measured to bind every thread when done before the first generator
 * is instantiated (wasm.md B.4). It is called when a pool is created, never at import, so that
 * merely loading the library changes no process setting.
 */
export function raiseMemoryGuard(maxMemoryBytes: number): void {
  const pages = Math.max(memoryCapPages(maxMemoryBytes), minimumGuardPages);
  if (pages <= guardPages) {
    return;
  }
  guardPages = pages;
  v8.setFlagsFromString(`--wasm-max-mem-pages=${pages}`);
}
