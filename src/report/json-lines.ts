import type { JsonPathSegment } from '../grafana/json-changes.js';

/** A JSON document printed one value per line, with the path each line belongs to. */
export interface JsonLines {
  readonly lines: readonly string[];
  readonly paths: readonly (readonly JsonPathSegment[])[];
}

/**
 * Prints `value` as two-space JSON with keys sorted (the layout `JSON.stringify` gives a
 * sorted copy), remembering for each line the path of the value it shows, so that a diff hunk
 * can be headed with the JSON path it changes.
 */
export function printJsonLines(value: unknown): JsonLines {
  const lines: string[] = [];
  const paths: (readonly JsonPathSegment[])[] = [];
  const emit = (text: string, path: readonly JsonPathSegment[]): void => {
    lines.push(text);
    paths.push(path);
  };

  printValue(value, { indent: '', prefix: '', suffix: '', path: [] }, emit);
  return { lines, paths };
}

interface Slot {
  readonly indent: string;
  /** `"key": ` for object members, empty otherwise. */
  readonly prefix: string;
  /** `,` unless last. */
  readonly suffix: string;
  readonly path: readonly JsonPathSegment[];
}

type Emit = (text: string, path: readonly JsonPathSegment[]) => void;

function printValue(value: unknown, slot: Slot, emit: Emit): void {
  const { indent, prefix, suffix, path } = slot;
  if (Array.isArray(value)) {
    printContainer(value.map((item, index) => [index, item] as const), ['[', ']'], slot, emit);
    return;
  }
  if (isObject(value)) {
    const entries = Object.keys(value).sort().map((key) => [key, value[key]] as const);
    printContainer(entries, ['{', '}'], slot, emit);
    return;
  }
  emit(`${indent}${prefix}${JSON.stringify(value) ?? 'null'}${suffix}`, path);
}

function printContainer(
  entries: readonly (readonly [JsonPathSegment, unknown])[],
  brackets: readonly [string, string],
  slot: Slot,
  emit: Emit,
): void {
  const { indent, prefix, suffix, path } = slot;
  const [open, close] = brackets;
  if (entries.length === 0) {
    emit(`${indent}${prefix}${open}${close}${suffix}`, path);
    return;
  }

  emit(`${indent}${prefix}${open}`, path);
  entries.forEach(([segment, child], index) => {
    printValue(child, {
      indent: `${indent}  `,
      prefix: typeof segment === 'string' ? `${JSON.stringify(segment)}: ` : '',
      suffix: index === entries.length - 1 ? '' : ',',
      path: [...path, segment],
    }, emit);
  });
  emit(`${indent}${close}${suffix}`, path);
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
