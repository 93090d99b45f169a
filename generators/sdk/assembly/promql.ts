// Building PromQL selectors from config values without breaking their quoting.

/**
 * A label selector such as `namespace="shop",pod=~"api-.*"`, built one matcher at a time.
 * Values are quoted and escaped here; label names must be checked with isLabelName first.
 */
export class Selector {
  matchers: string[] = [];

  /** A copy with `label op "value"` added; op is one of = != =~ !~. */
  with(label: string, op: string, value: string): Selector {
    const result = new Selector();
    result.matchers = this.matchers.slice(0);
    result.matchers.push(label + op + quotePromql(value));
    return result;
  }

  /** A copy with `label="value"` added. */
  equal(label: string, value: string): Selector {
    return this.with(label, '=', value);
  }

  /** The matchers inside braces: `{a="1",b=~"2"}`. */
  toString(): string {
    return '{' + this.matchers.join(',') + '}';
  }
}

/** `value` as a double-quoted PromQL string. */
export function quotePromql(value: string): string {
  const escaped = value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
  return '"' + escaped + '"';
}

/** `value` with the RE2 metacharacters escaped, to match it literally inside a regex. */
export function escapeRegex(value: string): string {
  const special = '\\.+*?()|[]{}^$';
  const parts = new Array<string>();
  for (let index = 0; index < value.length; index++) {
    const character = value.charAt(index);
    if (special.includes(character)) {
      parts.push('\\');
    }
    parts.push(character);
  }
  return parts.join('');
}

/** True for a Prometheus label name: `[a-zA-Z_][a-zA-Z0-9_]*`. */
export function isLabelName(text: string): bool {
  if (text.length == 0) {
    return false;
  }
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const isLetter = (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
    const isDigit = code >= 0x30 && code <= 0x39;
    if (!isLetter && code != 0x5f && (index == 0 || !isDigit)) {
      return false;
    }
  }
  return true;
}

/** True for a Prometheus metric name: `[a-zA-Z_:][a-zA-Z0-9_:]*`. */
export function isMetricName(text: string): bool {
  return text.length > 0 && isLabelName(text.replaceAll(':', '_'));
}
