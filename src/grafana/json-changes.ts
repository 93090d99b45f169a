import { canonicalJson, isJsonObject } from './canonical-json.js';

/** One step into a JSON document: an object key or an array index. */
export type JsonPathSegment = string | number;

/** One difference between two JSON documents, at the deepest path where they differ. */
export interface JsonChange {
  readonly path: readonly JsonPathSegment[];
  readonly kind: 'added' | 'removed' | 'changed';
}

/** Past this many, a dashboard's change list is cut: the report has the full diff. */
export const maxChangesPerDashboard = 200;

/**
 * Lists where `after` differs from `before`: keys added or removed, and values changed, down to
 * the deepest differing path. Arrays are compared index by index. At most
 * `maxChangesPerDashboard` changes, in document order.
 */
export function diffJson(before: unknown, after: unknown): JsonChange[] {
  const changes: JsonChange[] = [];
  collect(before, after, [], changes);
  return changes;
}

function collect(
  before: unknown,
  after: unknown,
  path: readonly JsonPathSegment[],
  changes: JsonChange[],
): void {
  if (changes.length >= maxChangesPerDashboard) {
    return;
  }
  if (isJsonObject(before) && isJsonObject(after)) {
    collectObject(before, after, path, changes);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    collectArray(before, after, path, changes);
    return;
  }

  if (canonicalJson(before) !== canonicalJson(after)) {
    changes.push({ path, kind: 'changed' });
  }
}

function collectObject(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
  path: readonly JsonPathSegment[],
  changes: JsonChange[],
): void {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();

  for (const key of keys) {
    if (changes.length >= maxChangesPerDashboard) {
      return;
    }
    const child = [...path, key];
    if (!(key in after)) {
      changes.push({ path: child, kind: 'removed' });
    } else if (!(key in before)) {
      changes.push({ path: child, kind: 'added' });
    } else {
      collect(before[key], after[key], child, changes);
    }
  }
}

function collectArray(
  before: readonly unknown[],
  after: readonly unknown[],
  path: readonly JsonPathSegment[],
  changes: JsonChange[],
): void {
  const length = Math.max(before.length, after.length);

  for (let index = 0; index < length; index += 1) {
    if (changes.length >= maxChangesPerDashboard) {
      return;
    }
    const child = [...path, index];
    if (index >= after.length) {
      changes.push({ path: child, kind: 'removed' });
    } else if (index >= before.length) {
      changes.push({ path: child, kind: 'added' });
    } else {
      collect(before[index], after[index], child, changes);
    }
  }
}
