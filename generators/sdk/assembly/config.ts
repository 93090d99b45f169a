// A generator's config: read from stdin, parsed as JSON or as the simple YAML subset, and read
// field by field with checks that fail with the field's path, e.g. `config.deployment is
// required`.
import { ConfigValue, ValueKind } from './config-value';
import { parseJson } from './parse-json';
import { parseYaml } from './parse-yaml';
import { fail, readInput } from './stdio';

/** Reads the config from stdin; see parseConfig. */
export function readConfig(): Config {
  return parseConfig(readInput());
}

/**
 * Parses a config. DAWG hands a spec.config mapping over as JSON and a spec.config string as
 * it is, so text that starts with `{` is read as JSON and anything else as simple YAML. An
 * empty text is an empty mapping. Fails unless the config is a mapping.
 */
export function parseConfig(text: string): Config {
  const trimmed = text.trim();
  const isJson = trimmed.startsWith('{') || trimmed.startsWith('[');
  const value = trimmed.length == 0 ? ConfigValue.mapping()
    : isJson ? parseJson(trimmed) : parseYaml(text);
  if (value.kind != ValueKind.Mapping) {
    fail<void>('config must be a mapping of fields, not ' + value.describeKind());
  }
  return new Config('config', value);
}

/** A mapping in the config, with readers that check each field's type. */
export class Config {
  constructor(public path: string, public value: ConfigValue) {}

  /** The field names, in the order they were written. */
  keys(): string[] {
    return this.value.keys;
  }

  /** True when `key` is present and not null. */
  has(key: string): bool {
    const field = this.value.get(key);
    return field != null && field.kind != ValueKind.Null;
  }

  /** The path of `key` in messages: `config.slo.availability`. */
  pathOf(key: string): string {
    return this.path + '.' + key;
  }

  /** Fails with `<path of key> <message>`, e.g. `config.slo.availability must be below 1`. */
  fail<T>(key: string, message: string): T {
    return fail<T>(this.pathOf(key) + ' ' + message);
  }

  /** Fails naming the first field that is not in `known`. */
  rejectUnknown(known: string[]): void {
    const keys = this.value.keys;
    for (let index = 0; index < keys.length; index++) {
      if (!known.includes(keys[index])) {
        this.fail<void>(keys[index], 'is not a known field; the fields are ' + known.join(', '));
      }
    }
  }

  requiredString(key: string): string {
    if (!this.has(key)) {
      return this.fail<string>(key, 'is required');
    }
    return this.stringOf(key);
  }

  optionalString(key: string, fallback: string): string {
    return this.has(key) ? this.stringOf(key) : fallback;
  }

  optionalNumber(key: string, fallback: f64): f64 {
    if (!this.has(key)) {
      return fallback;
    }
    const field = this.expect(key, ValueKind.Number, 'a number');
    return field.number;
  }

  optionalBoolean(key: string, fallback: bool): bool {
    if (!this.has(key)) {
      return fallback;
    }
    return this.expect(key, ValueKind.Boolean, 'true or false').boolean;
  }

  /** A list of strings; `fallback` when the field is absent. */
  optionalStringList(key: string, fallback: string[]): string[] {
    if (!this.has(key)) {
      return fallback;
    }
    const items = this.expect(key, ValueKind.List, 'a list of strings').items;
    const result = new Array<string>();
    for (let index = 0; index < items.length; index++) {
      if (items[index].kind != ValueKind.String) {
        this.fail<void>(key + '[' + index.toString() + ']', 'must be a string, not '
          + items[index].describeKind());
      }
      result.push(items[index].text);
    }
    return result;
  }

  /** A list of numbers; `fallback` when the field is absent. */
  optionalNumberList(key: string, fallback: f64[]): f64[] {
    if (!this.has(key)) {
      return fallback;
    }
    const items = this.expect(key, ValueKind.List, 'a list of numbers').items;
    const result = new Array<f64>();
    for (let index = 0; index < items.length; index++) {
      if (items[index].kind != ValueKind.Number) {
        this.fail<void>(key + '[' + index.toString() + ']', 'must be a number, not '
          + items[index].describeKind());
      }
      result.push(items[index].number);
    }
    return result;
  }

  /** A nested mapping, or null when the field is absent. */
  optionalMapping(key: string): Config | null {
    if (!this.has(key)) {
      return null;
    }
    return new Config(this.pathOf(key), this.expect(key, ValueKind.Mapping, 'a mapping'));
  }

  private stringOf(key: string): string {
    return this.expect(key, ValueKind.String, 'a string').text;
  }

  private expect(key: string, kind: ValueKind, what: string): ConfigValue {
    const field = this.value.get(key);
    if (field == null) {
      return this.fail<ConfigValue>(key, 'is required');
    }
    if (field.kind != kind) {
      this.fail<void>(key, 'must be ' + what + ', not ' + field.describeKind());
    }
    return field;
  }
}
