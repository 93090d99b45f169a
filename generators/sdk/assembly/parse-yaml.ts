// A reader for the simple YAML that config strings are written in (a manifest's spec.config
// given as a block scalar, as in DAWG's original README): `key: value` lines, mappings nested
// by indentation, `- item` lists of scalars, `[a, b]` flow lists of scalars, quoted scalars
// and # comments. Written by hand because no AssemblyScript YAML package is available here
// through the npm-only tooling we trust. Anything richer (anchors, block scalars, lists of
// mappings) is refused with a message, never guessed: such configs belong in a spec.config
// mapping, which DAWG hands over as JSON.
import { ConfigValue } from './config-value';
import { fail } from './stdio';

/** Nesting deeper than this is refused, so a hostile config cannot exhaust the stack. */
const maxDepth = 64;

class Line {
  constructor(public number: i32, public indent: i32, public content: string) {}

  isListItem(): bool {
    return this.content == '-' || this.content.startsWith('- ');
  }
}

/** Parses `text` in the YAML subset above; fails with `config line N: ...` otherwise. */
export function parseYaml(text: string): ConfigValue {
  const lines = splitLines(text);
  if (lines.length == 0) {
    return ConfigValue.mapping();
  }
  const reader = new YamlReader(lines);
  if (lines[0].indent != 0) {
    reader.error<void>(lines[0], 'the first key must not be indented');
  }
  const value = reader.readBlock(0, 0);
  if (reader.index < lines.length) {
    reader.error<void>(lines[reader.index], 'this line is indented less than its block');
  }
  return value;
}

function splitLines(text: string): Line[] {
  const result = new Array<Line>();
  const raw = text.replaceAll('\r\n', '\n').split('\n');
  for (let index = 0; index < raw.length; index++) {
    const line = raw[index].trimEnd();
    let indent = 0;
    while (indent < line.length && line.charCodeAt(indent) == 0x20) {
      indent++;
    }
    const content = line.substring(indent);
    const isDocumentStart = result.length == 0 && content == '---' && indent == 0;
    if (content.length == 0 || content.startsWith('#') || isDocumentStart) {
      continue;
    }
    if (content.charCodeAt(0) == 0x09) {
      fail<void>('config line ' + (index + 1).toString() + ': indent with spaces, not tabs');
    }
    result.push(new Line(index + 1, indent, content));
  }
  return result;
}

class YamlReader {
  index: i32 = 0;

  constructor(private lines: Line[]) {}

  readBlock(indent: i32, depth: i32): ConfigValue {
    const first = this.lines[this.index];
    if (depth > maxDepth) {
      this.error<void>(first, 'nested deeper than ' + maxDepth.toString() + ' levels');
    }
    return first.isListItem() ? this.readList(indent) : this.readMapping(indent, depth);
  }

  readMapping(indent: i32, depth: i32): ConfigValue {
    const result = ConfigValue.mapping();
    while (this.index < this.lines.length) {
      const line = this.lines[this.index];
      if (line.indent < indent) {
        break;
      }
      if (line.indent > indent) {
        this.error<void>(line, 'unexpected indentation');
      }
      if (line.isListItem()) {
        this.error<void>(line, 'a list item where a key was expected');
      }
      const colon = findKeyEnd(line.content);
      if (colon < 0) {
        this.error<void>(line, 'expected "key: value"');
      }
      const key = this.readKey(line, line.content.substring(0, colon).trimEnd());
      if (result.has(key)) {
        this.error<void>(line, 'the key "' + key + '" appears twice');
      }
      const rest = line.content.substring(colon + 1).trimStart();
      this.index++;
      result.set(key, rest.length == 0 || rest.startsWith('#')
        ? this.readNested(indent, depth)
        : this.readInline(line, rest));
    }
    return result;
  }

  /** The value of a key written alone on its line: a deeper block, a list, or null. */
  readNested(indent: i32, depth: i32): ConfigValue {
    if (this.index >= this.lines.length) {
      return ConfigValue.null();
    }
    const next = this.lines[this.index];
    if (next.indent > indent) {
      return this.readBlock(next.indent, depth + 1);
    }
    if (next.indent == indent && next.isListItem()) {
      return this.readList(indent);
    }
    return ConfigValue.null();
  }

  readList(indent: i32): ConfigValue {
    const result = ConfigValue.list();
    while (this.index < this.lines.length) {
      const line = this.lines[this.index];
      if (line.indent != indent || !line.isListItem()) {
        break;
      }
      const item = line.content.substring(1).trimStart();
      if (item.length == 0 || item.startsWith('- ') || findKeyEnd(item) >= 0) {
        this.error<void>(line, 'only lists of plain values are supported in a config string; '
          + 'write spec.config as a mapping for nested lists');
      }
      result.items.push(this.readInline(line, item));
      this.index++;
    }
    return result;
  }

  readKey(line: Line, text: string): string {
    if (text.startsWith('"') || text.startsWith("'")) {
      const scalar = new ScalarReader(this, line, text);
      const key = scalar.readQuoted();
      if (scalar.position != text.length) {
        this.error<void>(line, 'unexpected text after a quoted key');
      }
      return key;
    }
    if (text.length == 0) {
      return this.error<string>(line, 'a key is missing before ":"');
    }
    return text;
  }

  readInline(line: Line, text: string): ConfigValue {
    const first = text.charCodeAt(0);
    if (first == 0x7c || first == 0x3e || first == 0x26 || first == 0x2a || first == 0x21) {
      return this.error<ConfigValue>(line, 'block scalars, anchors, aliases and tags are not '
        + 'supported in a config string; write spec.config as a mapping');
    }
    const scalar = new ScalarReader(this, line, text);
    const value = first == 0x5b ? scalar.readFlowList()
      : first == 0x7b ? scalar.readEmptyMapping()
        : scalar.readScalar(false);
    scalar.expectEnd();
    return value;
  }

  error<T>(line: Line, message: string): T {
    return fail<T>('config line ' + line.number.toString() + ': ' + message);
  }
}

/** Reads the scalars of one line, from `position` on. */
class ScalarReader {
  position: i32 = 0;

  constructor(private reader: YamlReader, private line: Line, private text: string) {}

  readScalar(inFlow: bool): ConfigValue {
    const first = this.text.charCodeAt(this.position);
    if (first == 0x22 || first == 0x27) {
      return ConfigValue.fromString(this.readQuoted());
    }
    const start = this.position;
    while (this.position < this.text.length && !this.endsPlain(inFlow)) {
      this.position++;
    }
    return typePlain(this.text.substring(start, this.position).trimEnd());
  }

  /** A plain scalar ends at " #", and inside a flow list also at "," and "]". */
  endsPlain(inFlow: bool): bool {
    const code = this.text.charCodeAt(this.position);
    if (inFlow && (code == 0x2c || code == 0x5d)) {
      return true;
    }
    return code == 0x23 && this.position > 0 && this.text.charCodeAt(this.position - 1) == 0x20;
  }

  readQuoted(): string {
    const quote = this.text.charCodeAt(this.position);
    const parts = new Array<string>();
    this.position++;
    while (this.position < this.text.length) {
      const code = this.text.charCodeAt(this.position);
      this.position++;
      if (code == quote && quote == 0x27 && this.peek() == 0x27) {
        parts.push("'");
        this.position++;
      } else if (code == quote) {
        return parts.join('');
      } else if (code == 0x5c && quote == 0x22) {
        parts.push(this.readEscape());
      } else {
        parts.push(String.fromCharCode(code));
      }
    }
    return this.reader.error<string>(this.line, 'unterminated quoted string');
  }

  readEscape(): string {
    const code = this.peek();
    this.position++;
    switch (code) {
      case 0x22: return '"';
      case 0x5c: return '\\';
      case 0x2f: return '/';
      case 0x6e: return '\n';
      case 0x74: return '\t';
      case 0x72: return '\r';
      case 0x30: return '\0';
      default: return this.reader.error<string>(this.line, 'unsupported escape in a string');
    }
  }

  readFlowList(): ConfigValue {
    const result = ConfigValue.list();
    this.position++;
    this.skipSpace();
    if (this.take(0x5d)) {
      return result;
    }
    do {
      this.skipSpace();
      const first = this.peek();
      if (first == 0x5b || first == 0x7b || first == 0x2c || first == 0x5d || first < 0) {
        this.reader.error<void>(this.line, 'flow lists hold plain values only: [a, b, "c"]');
      }
      result.items.push(this.readScalar(true));
      this.skipSpace();
    } while (this.take(0x2c));
    if (!this.take(0x5d)) {
      this.reader.error<void>(this.line, 'expected "," or "]" in a flow list');
    }
    return result;
  }

  readEmptyMapping(): ConfigValue {
    this.position++;
    this.skipSpace();
    if (this.peek() != 0x7d) {
      this.reader.error<void>(this.line, 'only the empty flow mapping {} is supported');
    }
    this.position++;
    return ConfigValue.mapping();
  }

  expectEnd(): void {
    this.skipSpace();
    if (this.position < this.text.length && this.peek() != 0x23) {
      this.reader.error<void>(this.line, 'unexpected text after the value');
    }
  }

  take(code: i32): bool {
    if (this.peek() != code) {
      return false;
    }
    this.position++;
    return true;
  }

  skipSpace(): void {
    while (this.peek() == 0x20) {
      this.position++;
    }
  }

  peek(): i32 {
    return this.position < this.text.length ? this.text.charCodeAt(this.position) : -1;
  }
}

/** Where the key of a `key: value` line ends: its first ": " or a final ":", outside quotes. */
function findKeyEnd(content: string): i32 {
  let quote = 0;
  for (let index = 0; index < content.length; index++) {
    const code = content.charCodeAt(index);
    if (quote != 0) {
      if (code == quote) quote = 0;
      continue;
    }
    if (index == 0 && (code == 0x22 || code == 0x27)) {
      quote = code;
      continue;
    }
    if (code == 0x23 && index > 0 && content.charCodeAt(index - 1) == 0x20) {
      return -1;
    }
    const isLast = index == content.length - 1;
    if (code == 0x3a && (isLast || content.charCodeAt(index + 1) == 0x20)) {
      return index;
    }
  }
  return -1;
}

/**
 * YAML 1.2 core schema typing of a plain scalar: null, booleans, decimal, hex (0x) and octal
 * (0o) numbers, else a string. `.inf` and `.nan` stay strings: JSON cannot hold them.
 */
function typePlain(text: string): ConfigValue {
  if (text == '' || text == '~' || text == 'null' || text == 'Null' || text == 'NULL') {
    return ConfigValue.null();
  }
  if (text == 'true' || text == 'True' || text == 'TRUE') {
    return ConfigValue.fromBoolean(true);
  }
  if (text == 'false' || text == 'False' || text == 'FALSE') {
    return ConfigValue.fromBoolean(false);
  }
  if (isNumber(text)) {
    return ConfigValue.fromNumber(parseFloat(text));
  }
  const radix = text.startsWith('0x') ? 16 : text.startsWith('0o') ? 8 : 0;
  if (radix != 0 && isInteger(text.substring(2), radix)) {
    return ConfigValue.fromNumber(<f64>I64.parseInt(text.substring(2), radix));
  }
  return ConfigValue.fromString(text);
}

/** `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, the core schema's numbers. */
function isNumber(text: string): bool {
  let index = 0;
  const sign = text.charCodeAt(0);
  if (sign == 0x2b || sign == 0x2d) index++;
  const integerDigits = countDigits(text, index);
  index += integerDigits;
  let fractionDigits = 0;
  if (index < text.length && text.charCodeAt(index) == 0x2e) {
    index++;
    fractionDigits = countDigits(text, index);
    index += fractionDigits;
  }
  if (integerDigits == 0 && fractionDigits == 0) {
    return false;
  }
  if (index < text.length && (text.charCodeAt(index) | 0x20) == 0x65) {
    index++;
    const exponentSign = index < text.length ? text.charCodeAt(index) : 0;
    if (exponentSign == 0x2b || exponentSign == 0x2d) index++;
    const exponentDigits = countDigits(text, index);
    if (exponentDigits == 0) {
      return false;
    }
    index += exponentDigits;
  }
  return index == text.length;
}

/** True for 1 to 12 digits of `radix` (8 or 16): integers a double holds exactly. */
function isInteger(digits: string, radix: i32): bool {
  if (digits.length == 0 || digits.length > 12) {
    return false;
  }
  for (let index = 0; index < digits.length; index++) {
    const code = digits.charCodeAt(index) | 0x20;
    const isOctal = code >= 0x30 && code <= 0x37;
    const isHex = (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x66);
    if (radix == 8 ? !isOctal : !isHex) {
      return false;
    }
  }
  return true;
}

function countDigits(text: string, start: i32): i32 {
  let index = start;
  while (index < text.length && text.charCodeAt(index) >= 0x30 && text.charCodeAt(index) <= 0x39) {
    index++;
  }
  return index - start;
}
