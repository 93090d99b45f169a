// One value of a generator's config, as read from JSON or from the YAML subset.

/** What kind of value a ConfigValue holds. */
export enum ValueKind {
  Null,
  Boolean,
  Number,
  String,
  List,
  Mapping,
}

/**
 * A config value: null, a boolean, a number, a string, a list or a mapping. A mapping keeps
 * its keys in the order they were written, so that generators can report them in that order.
 */
export class ConfigValue {
  kind: ValueKind = ValueKind.Null;
  boolean: bool = false;
  number: f64 = 0;
  text: string = '';
  items: ConfigValue[] = [];
  keys: string[] = [];
  values: ConfigValue[] = [];

  static null(): ConfigValue {
    return new ConfigValue();
  }

  static fromBoolean(value: bool): ConfigValue {
    const result = new ConfigValue();
    result.kind = ValueKind.Boolean;
    result.boolean = value;
    return result;
  }

  static fromNumber(value: f64): ConfigValue {
    const result = new ConfigValue();
    result.kind = ValueKind.Number;
    result.number = value;
    return result;
  }

  static fromString(value: string): ConfigValue {
    const result = new ConfigValue();
    result.kind = ValueKind.String;
    result.text = value;
    return result;
  }

  static list(): ConfigValue {
    const result = new ConfigValue();
    result.kind = ValueKind.List;
    return result;
  }

  static mapping(): ConfigValue {
    const result = new ConfigValue();
    result.kind = ValueKind.Mapping;
    return result;
  }

  /** True for a mapping that has `key`. */
  has(key: string): bool {
    return this.keys.indexOf(key) >= 0;
  }

  /** The value of `key` in a mapping, or null when it is absent (or this is no mapping). */
  get(key: string): ConfigValue | null {
    const index = this.keys.indexOf(key);
    return index < 0 ? null : this.values[index];
  }

  /** Sets `key` in a mapping, replacing an earlier value of the same key. */
  set(key: string, value: ConfigValue): void {
    const index = this.keys.indexOf(key);
    if (index >= 0) {
      this.values[index] = value;
      return;
    }
    this.keys.push(key);
    this.values.push(value);
  }

  /** The kind's name as a config author reads it: `a string`, `a list`, ... */
  describeKind(): string {
    switch (this.kind) {
      case ValueKind.Null: return 'null';
      case ValueKind.Boolean: return 'a boolean';
      case ValueKind.Number: return 'a number';
      case ValueKind.String: return 'a string';
      case ValueKind.List: return 'a list';
      default: return 'a mapping';
    }
  }
}
