/** Plain JSON helpers for the emulator: type guard, structural equality, sorted keys. */

/** A JSON object as the emulator stores it. */
export type JsonObject = Record<string, unknown>;

/** True for a plain JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Compares two JSON values by structure; object key order does not matter. */
export function isSameJson(left: unknown, right: unknown): boolean {
  if (Array.isArray(left) || Array.isArray(right)) {
    return isSameArray(left, right);
  }
  if (isJsonObject(left) && isJsonObject(right)) {
    return isSameObject(left, right);
  }

  return Object.is(left, right);
}

/**
 * Returns a copy with object keys sorted at every level, the way Grafana (Go maps) sends a
 * stored dashboard back.
 */
export function sortJsonKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortJsonKeys);
  }
  if (!isJsonObject(value)) {
    return value;
  }

  const sorted: JsonObject = {};
  for (const key of Object.keys(value).sort()) {
    sorted[key] = sortJsonKeys(value[key]);
  }
  return sorted;
}

/** A deep copy, so stored data never shares objects with a caller or a response. */
export function copyJson<T>(value: T): T {
  return structuredClone(value);
}

function isSameArray(left: unknown, right: unknown): boolean {
  if (!Array.isArray(left) || !Array.isArray(right) || left.length !== right.length) {
    return false;
  }

  return left.every((item, index) => isSameJson(item, right[index]));
}

function isSameObject(left: JsonObject, right: JsonObject): boolean {
  const leftKeys = Object.keys(left);
  if (leftKeys.length !== Object.keys(right).length) {
    return false;
  }

  return leftKeys.every((key) => Object.hasOwn(right, key) && isSameJson(left[key], right[key]));
}
