import { isJsonObject } from './canonical-json.js';
import { compareText } from './compare-text.js';
import { markerKey } from './ownership.js';
import { defaultMinRefreshInterval, raiseRefreshInterval } from './refresh-interval.js';

/** A dashboard JSON model reduced to what DAWG compares. */
export type NormalisedDashboard = Readonly<Record<string, unknown>>;

/** Options of `normaliseDashboard`. */
export interface NormaliseOptions {
  /** The server's `min_refresh_interval`. Default `5s`, Grafana's default. */
  readonly minRefreshInterval?: string;
}

/** Keys the server owns: it sets them on every read and ignores or checks them on a write. */
const serverOwnedKeys: ReadonlySet<string> = new Set(['id', 'version', markerKey]);

/**
 * The form of a dashboard that both sides of a comparison are brought to (grafana-api.md §8.2):
 * without the server-owned `id` and `version` and without DAWG's marker; `title` and `uid`
 * trimmed and `refresh` raised to the minimum, as a save does; tags sorted, as search does;
 * library panel references cut to `uid` and `name`, since Grafana fills in the rest on read.
 * Everything else is kept as it is, so that any other difference shows up as a change.
 */
export function normaliseDashboard(
  model: Readonly<Record<string, unknown>>,
  options: NormaliseOptions = {},
): NormalisedDashboard {
  const minimum = options.minRefreshInterval ?? defaultMinRefreshInterval;
  const result: Record<string, unknown> = {};

  for (const [key, value] of Object.entries(model)) {
    if (!serverOwnedKeys.has(key)) {
      result[key] = value;
    }
  }
  trimString(result, 'title');
  trimString(result, 'uid');
  if ('refresh' in result) {
    result['refresh'] = raiseRefreshInterval(result['refresh'], minimum);
  }
  if (Array.isArray(result['tags'])) {
    result['tags'] = sortTags(result['tags']);
  }
  if (Array.isArray(result['panels'])) {
    result['panels'] = result['panels'].map(normalisePanel);
  }
  return result;
}

function trimString(model: Record<string, unknown>, key: string): void {
  const value = model[key];
  if (typeof value === 'string') {
    model[key] = value.trim();
  }
}

function sortTags(tags: readonly unknown[]): unknown[] {
  return [...tags].sort((a, b) => compareText(String(a), String(b)));
}

/** Rows hold their collapsed panels in `panels`, so library references can sit one level down. */
function normalisePanel(panel: unknown): unknown {
  if (!isJsonObject(panel)) {
    return panel;
  }
  const result: Record<string, unknown> = { ...panel };

  const reference = result['libraryPanel'];
  if (isJsonObject(reference)) {
    result['libraryPanel'] = pick(reference, ['uid', 'name']);
  }
  if (Array.isArray(result['panels'])) {
    result['panels'] = result['panels'].map(normalisePanel);
  }
  return result;
}

function pick(
  value: Readonly<Record<string, unknown>>,
  keys: readonly string[],
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const key of keys) {
    if (key in value) {
      result[key] = value[key];
    }
  }
  return result;
}
