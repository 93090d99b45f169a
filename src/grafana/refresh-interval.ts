/**
 * Grafana's dashboard `refresh` values ("5s", "1m", "2h"). A legacy save raises a value below
 * the server's `min_refresh_interval` to that minimum without saying so (grafana-api.md §2.3),
 * so a comparison must do the same to the rendered side.
 */

/** Grafana's default `min_refresh_interval`. */
export const defaultMinRefreshInterval = '5s';

const unitMs: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const intervalPattern = /^(\d+)(ms|s|m|h|d|w)$/;

/** The interval in milliseconds, or undefined for "", "auto", false and anything unparsable. */
export function parseRefreshInterval(value: unknown): number | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const match = intervalPattern.exec(value.trim());
  if (match === null) {
    return undefined;
  }

  const [, amount, unit] = match;
  return Number(amount) * (unitMs[unit ?? ''] ?? Number.NaN);
}

/** `refresh` as the server stores it: raised to `minimum` when it is shorter. */
export function raiseRefreshInterval(value: unknown, minimum: string): unknown {
  const valueMs = parseRefreshInterval(value);
  const minimumMs = parseRefreshInterval(minimum);
  if (valueMs === undefined || minimumMs === undefined || valueMs >= minimumMs) {
    return value;
  }
  return minimum;
}
