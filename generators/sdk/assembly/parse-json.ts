// A JSON parser for configs (RFC 8259), written by hand because no AssemblyScript JSON package
// is available here through the npm-only tooling we trust. A config is small, so the parser
// favours clear messages over speed: every error names its line and column.
import { ConfigValue } from './config-value';
import { fail } from './stdio';

/** Nesting deeper than this is refused, so a hostile config cannot exhaust the stack. */
const maxDepth = 64;

/** Parses `text` as one JSON value; fails with `config is not valid JSON: ...` otherwise. */
export function parseJson(text: string): ConfigValue {
  const parser = new JsonParser(text);
  parser.skipSpace();
  const value = parser.readValue(0);
  parser.skipSpace();
  if (!parser.atEnd()) {
    parser.error<void>('unexpected text after the value');
  }
  return value;
}

class JsonParser {
  position: i32 = 0;

  constructor(private text: string) {}

  atEnd(): bool {
    return this.position >= this.text.length;
  }

  peek(): i32 {
    return this.atEnd() ? -1 : this.text.charCodeAt(this.position);
  }

  skipSpace(): void {
    let code = this.peek();
    while (code == 0x20 || code == 0x09 || code == 0x0a || code == 0x0d) {
      this.position++;
      code = this.peek();
    }
  }

  take(code: i32): bool {
    if (this.peek() != code) {
      return false;
    }
    this.position++;
    return true;
  }

  expect(code: i32, what: string): void {
    if (this.peek() != code) {
      this.error<void>('expected ' + what);
    }
    this.position++;
  }

  readValue(depth: i32): ConfigValue {
    if (depth > maxDepth) {
      this.error<void>('nested deeper than ' + maxDepth.toString() + ' levels');
    }
    const code = this.peek();
    if (code == 0x7b) return this.readObject(depth);
    if (code == 0x5b) return this.readArray(depth);
    if (code == 0x22) return ConfigValue.fromString(this.readString());
    if (code == 0x2d || (code >= 0x30 && code <= 0x39)) return this.readNumber();
    if (this.takeWord('true')) return ConfigValue.fromBoolean(true);
    if (this.takeWord('false')) return ConfigValue.fromBoolean(false);
    if (this.takeWord('null')) return ConfigValue.null();
    return this.error<ConfigValue>(code < 0 ? 'unexpected end of input' : 'expected a value');
  }

  readObject(depth: i32): ConfigValue {
    const result = ConfigValue.mapping();
    this.position++;
    this.skipSpace();
    if (this.take(0x7d)) {
      return result;
    }
    do {
      this.skipSpace();
      if (this.peek() != 0x22) {
        this.error<void>('expected a quoted key');
      }
      const key = this.readString();
      if (result.has(key)) {
        this.error<void>('the key "' + key + '" appears twice');
      }
      this.skipSpace();
      this.expect(0x3a, '":" after a key');
      this.skipSpace();
      result.set(key, this.readValue(depth + 1));
      this.skipSpace();
    } while (this.take(0x2c));
    this.expect(0x7d, '"," or "}"');
    return result;
  }

  readArray(depth: i32): ConfigValue {
    const result = ConfigValue.list();
    this.position++;
    this.skipSpace();
    if (this.take(0x5d)) {
      return result;
    }
    do {
      this.skipSpace();
      result.items.push(this.readValue(depth + 1));
      this.skipSpace();
    } while (this.take(0x2c));
    this.expect(0x5d, '"," or "]"');
    return result;
  }

  readString(): string {
    const parts = new Array<string>();
    this.position++;
    let start = this.position;
    while (this.peek() != 0x22) {
      const code = this.peek();
      if (code < 0) {
        this.error<void>('unterminated string');
      }
      if (code < 0x20) {
        this.error<void>('control character in a string; escape it');
      }
      if (code != 0x5c) {
        this.position++;
        continue;
      }
      parts.push(this.text.substring(start, this.position));
      this.position++;
      parts.push(this.readEscape());
      start = this.position;
    }
    parts.push(this.text.substring(start, this.position));
    this.position++;
    return parts.join('');
  }

  readEscape(): string {
    const code = this.peek();
    this.position++;
    switch (code) {
      case 0x22: return '"';
      case 0x5c: return '\\';
      case 0x2f: return '/';
      case 0x62: return '\b';
      case 0x66: return '\f';
      case 0x6e: return '\n';
      case 0x72: return '\r';
      case 0x74: return '\t';
      case 0x75: return String.fromCharCode(this.readHex4());
      default: return this.error<string>('unknown escape in a string');
    }
  }

  readHex4(): i32 {
    let value = 0;
    for (let index = 0; index < 4; index++) {
      const digit = hexDigit(this.peek());
      if (digit < 0) {
        return this.error<i32>('expected four hex digits after \\u');
      }
      value = value * 16 + digit;
      this.position++;
    }
    return value;
  }

  readNumber(): ConfigValue {
    const start = this.position;
    if (this.peek() == 0x2d) this.position++;
    if (this.peek() == 0x30) {
      this.position++;
    } else {
      this.readDigits();
    }
    if (this.peek() == 0x2e) {
      this.position++;
      this.readDigits();
    }
    if (this.peek() == 0x65 || this.peek() == 0x45) {
      this.position++;
      if (this.peek() == 0x2b || this.peek() == 0x2d) this.position++;
      this.readDigits();
    }
    return ConfigValue.fromNumber(parseFloat(this.text.substring(start, this.position)));
  }

  readDigits(): void {
    if (!isDigit(this.peek())) {
      this.error<void>('expected a digit');
    }
    while (isDigit(this.peek())) {
      this.position++;
    }
  }

  takeWord(word: string): bool {
    if (this.text.substr(this.position, word.length) != word) {
      return false;
    }
    this.position += word.length;
    return true;
  }

  error<T>(message: string): T {
    let line = 1;
    let column = 1;
    for (let index = 0; index < this.position && index < this.text.length; index++) {
      if (this.text.charCodeAt(index) == 0x0a) {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return fail<T>('config is not valid JSON: ' + message + ' at line ' + line.toString()
      + ', column ' + column.toString());
  }
}

function isDigit(code: i32): bool {
  return code >= 0x30 && code <= 0x39;
}

function hexDigit(code: i32): i32 {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10;
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10;
  return -1;
}
