// Writes JSON text piece by piece, placing commas and escaping strings, so that a generator
// never builds JSON by concatenating strings itself.
import { fail } from './stdio';
import { Utf8Buffer } from './utf8-buffer';

/** Integers up to 2^53 are exact in a double and are written without a fraction. */
const maxExactInteger: f64 = 9007199254740992;

/**
 * Builds one JSON value. Keys are written in the order the generator writes them, so the same
 * calls always give the same text.
 *
 *     const json = new JsonWriter();
 *     json.beginObject().stringField('title', 'API').key('tags').beginArray()
 *       .string('api').endArray().endObject();
 *     json.toString(); // {"title":"API","tags":["api"]}
 */
export class JsonWriter {
  private output: Utf8Buffer = new Utf8Buffer();
  /** One entry per open object or array: whether it has an item yet. */
  private hasItems: bool[] = [];
  private afterKey: bool = false;

  beginObject(): JsonWriter {
    this.open('{');
    return this;
  }

  endObject(): JsonWriter {
    this.close('}');
    return this;
  }

  beginArray(): JsonWriter {
    this.open('[');
    return this;
  }

  endArray(): JsonWriter {
    this.close(']');
    return this;
  }

  /** Writes an object key; the next call writes its value. */
  key(name: string): JsonWriter {
    this.separate();
    this.output.append(quoteJson(name));
    this.output.append(':');
    this.afterKey = true;
    return this;
  }

  string(value: string): JsonWriter {
    this.separate();
    this.output.append(quoteJson(value));
    return this;
  }

  /** Writes a finite number; integers without a fraction (`2`, not `2.0`). */
  number(value: f64): JsonWriter {
    this.separate();
    this.output.append(formatNumber(value));
    return this;
  }

  boolean(value: bool): JsonWriter {
    this.separate();
    this.output.append(value ? 'true' : 'false');
    return this;
  }

  null(): JsonWriter {
    this.separate();
    this.output.append('null');
    return this;
  }

  stringField(name: string, value: string): JsonWriter {
    return this.key(name).string(value);
  }

  numberField(name: string, value: f64): JsonWriter {
    return this.key(name).number(value);
  }

  booleanField(name: string, value: bool): JsonWriter {
    return this.key(name).boolean(value);
  }

  /** Writes `[]` or `{}` under `name`. */
  emptyArrayField(name: string): JsonWriter {
    return this.key(name).beginArray().endArray();
  }

  emptyObjectField(name: string): JsonWriter {
    return this.key(name).beginObject().endObject();
  }

  /** The JSON written so far; complete once every object and array is closed. */
  toString(): string {
    return this.output.toString();
  }

  private open(bracket: string): void {
    this.separate();
    this.output.append(bracket);
    this.hasItems.push(false);
  }

  private close(bracket: string): void {
    if (this.hasItems.length == 0 || this.afterKey) {
      fail<void>('generator bug: JSON ' + bracket + ' without its opening bracket or value');
    }
    this.hasItems.pop();
    this.output.append(bracket);
  }

  private separate(): void {
    if (this.afterKey) {
      this.afterKey = false;
      return;
    }
    const depth = this.hasItems.length;
    if (depth == 0) {
      return;
    }
    if (this.hasItems[depth - 1]) {
      this.output.append(',');
    }
    this.hasItems[depth - 1] = true;
  }
}

/** `value` as a JSON string literal, quotes included. */
export function quoteJson(value: string): string {
  const parts = new Array<string>();
  parts.push('"');
  let start = 0;
  for (let index = 0; index < value.length; index++) {
    const escaped = escapeAt(value, index);
    if (escaped.length == 0) {
      continue;
    }
    parts.push(value.substring(start, index));
    parts.push(escaped);
    start = index + 1;
  }
  parts.push(value.substring(start));
  parts.push('"');
  return parts.join('');
}

/** The escape for the UTF-16 unit at `index`, or '' when it stands as it is. */
function escapeAt(value: string, index: i32): string {
  const code = value.charCodeAt(index);
  if (code == 0x22) return '\\"';
  if (code == 0x5c) return '\\\\';
  if (code == 0x0a) return '\\n';
  if (code == 0x0d) return '\\r';
  if (code == 0x09) return '\\t';
  if (code < 0x20 || isLoneSurrogate(value, index)) {
    return '\\u' + code.toString(16).padStart(4, '0');
  }
  return '';
}

/** A surrogate without its pair would turn into U+FFFD in UTF-8; escaping keeps it. */
function isLoneSurrogate(value: string, index: i32): bool {
  const code = value.charCodeAt(index);
  if (code >= 0xd800 && code <= 0xdbff) {
    const next = index + 1 < value.length ? value.charCodeAt(index + 1) : 0;
    return next < 0xdc00 || next > 0xdfff;
  }
  if (code >= 0xdc00 && code <= 0xdfff) {
    const previous = index > 0 ? value.charCodeAt(index - 1) : 0;
    return previous < 0xd800 || previous > 0xdbff;
  }
  return false;
}

/** `2`, `0.25`, `1e-7`; fails on NaN and infinities, which JSON cannot hold. */
export function formatNumber(value: f64): string {
  if (!isFinite(value)) {
    return fail<string>('generator bug: ' + value.toString() + ' cannot be written as JSON');
  }
  if (value == Math.floor(value) && Math.abs(value) <= maxExactInteger) {
    return (<i64>value).toString();
  }
  return value.toString();
}
