/**
 * Parses Grafana durations as its refresh check does: Go durations (`1h30m`, `500ms`, `5s`)
 * or a single count of days, weeks, months or years (`1d`, `2w`, `1M`, `1y`).
 */

const millisecondsPerUnit: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
};

/** Calendar units count as fixed lengths; only comparisons against a minimum use them. */
const calendarUnitMs: Readonly<Record<string, number>> = {
  d: 86_400_000,
  w: 7 * 86_400_000,
  M: 30 * 86_400_000,
  y: 365 * 86_400_000,
};

/** Returns the duration in milliseconds, or undefined when `text` is not a duration. */
export function parseDurationMs(text: string): number | undefined {
  const calendar = /^(\d+)([dwMy])$/.exec(text);
  if (calendar !== null) {
    return Number(calendar[1]) * (calendarUnitMs[calendar[2] ?? ''] ?? 0);
  }
  if (text === '0') {
    return 0;
  }
  if (!/^(\d*\.?\d+(ns|us|µs|ms|s|m|h))+$/.test(text)) {
    return undefined;
  }

  let total = 0;
  for (const part of text.matchAll(/(\d*\.?\d+)(ns|us|µs|ms|s|m|h)/g)) {
    total += Number(part[1]) * (millisecondsPerUnit[part[2] ?? ''] ?? 0);
  }
  return total;
}
