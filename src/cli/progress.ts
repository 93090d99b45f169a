/**
 * A one-line "rendered 120/1000" display that rewrites itself on a terminal. It stays silent
 * when stderr is not a terminal or CI is set, so CI logs get no carriage-return noise.
 */
export interface Progress {
  update(progress: { readonly done: number; readonly total: number }): void;
  clear(): void;
}

/** Redraw at most this often: fast enough to look live, slow enough to cost nothing. */
const redrawIntervalMs = 100;
/** Below this many items a run is over before a display would help. */
const minimumItems = 50;

export function createProgress(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  const isLive = stream.isTTY === true && process.env['CI'] === undefined;
  let lastDraw = 0;
  let drawn = false;

  return {
    update({ done, total }) {
      const now = performance.now();
      if (!isLive || total < minimumItems || now - lastDraw < redrawIntervalMs) {
        return;
      }
      lastDraw = now;
      drawn = true;
      stream.write(`\r${label} ${done}/${total}`);
    },
    clear() {
      if (drawn) {
        stream.write('\r\x1b[K');
        drawn = false;
      }
    },
  };
}
