import { sourceText, type ScaffoldFile } from './scaffold-file.js';

/**
 * Versions the scaffold's package.json asks for: the ones DAWG's own examples and tests build
 * with.
 */
const assemblyScriptVersion = '^0.28.20';
const wasiShimVersion = '^0.1.0';

/**
 * A generator in AssemblyScript, built with npm packages only (assemblyscript and its WASI
 * shim): config JSON on stdin, dashboard JSON on stdout. Its build script appends
 * generator.json to the module as the dawg.generator custom section.
 */
export function assemblyScriptFiles(name: string): ScaffoldFile[] {
  return [
    { path: 'package.json', content: json(packageJson(name)) },
    { path: 'asconfig.json', content: json(asconfig) },
    { path: 'assembly/tsconfig.json', content: json(assemblyTsconfig) },
    { path: 'assembly/index.ts', content: generatorSource },
    { path: 'assembly/json.ts', content: jsonSource },
    { path: 'build.mjs', content: buildScript },
  ];
}

function packageJson(name: string): object {
  return {
    name,
    version: '0.1.0',
    private: true,
    type: 'module',
    scripts: {
      build: 'node build.mjs',
      test: 'node --disable-warning=ExperimentalWarning --test',
    },
    devDependencies: {
      '@assemblyscript/wasi-shim': wasiShimVersion,
      assemblyscript: assemblyScriptVersion,
    },
  };
}

const asconfig = {
  extends: './node_modules/@assemblyscript/wasi-shim/asconfig.json',
  targets: {
    release: { optimizeLevel: 3, shrinkLevel: 0, noAssert: false },
  },
};

const assemblyTsconfig = {
  extends: 'assemblyscript/std/assembly.json',
  include: ['./**/*.ts'],
};

function json(value: object): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

const generatorSource = sourceText(String.raw`
// A DAWG generator: reads its config as JSON on stdin and writes a Grafana dashboard as JSON on
// stdout. On a bad config it writes a message on stderr and exits 1.
//
// DAWG hands a manifest's config: mapping over as compact JSON, checked against the schema in
// generator.json first, so this file only reads what that schema allows.
import { configString, jsonString, readStdin } from './json';

function panel(index: i32, title: string, query: string, datasource: string): string {
  return '{"id":' + (index + 1).toString()
    + ',"type":"timeseries","title":' + jsonString(title)
    + ',"gridPos":{"h":8,"w":12,"x":' + ((index % 2) * 12).toString() + ',"y":0}'
    + ',"datasource":{"type":"prometheus","uid":' + jsonString(datasource) + '}'
    + ',"targets":[{"refId":"A","expr":' + jsonString(query) + '}]}';
}

function render(config: string): string | null {
  const service = configString(config, 'service');
  if (service === null || service.length === 0) {
    return null;
  }
  const title = configString(config, 'title');
  const datasource = configString(config, 'datasource');
  const source = datasource !== null ? datasource : 'prometheus';
  const selector = 'service="' + service + '"';

  return '{"title":' + jsonString(title !== null ? title : service + ' overview')
    + ',"tags":[' + jsonString(service) + '],"schemaVersion":39,"panels":['
    + panel(0, 'Requests per second',
      'sum(rate(http_requests_total{' + selector + '}[5m]))', source)
    + ',' + panel(1, 'Errors per second',
      'sum(rate(http_requests_total{' + selector + ',code=~"5.."}[5m]))', source)
    + ']}\n';
}

const dashboard = render(readStdin());
if (dashboard === null) {
  process.stderr.write('config: service is required (the service to chart)\n');
  process.exit(1);
} else {
  process.stdout.write(dashboard);
}
`);

const jsonSource = sourceText(String.raw`
// Just enough JSON for a generator: read the config's top-level strings, write escaped text.

const chunkBytes = 64 * 1024;

/** Reads all of stdin as UTF-8. */
export function readStdin(): string {
  const chunks = new Array<Uint8Array>();
  let total = 0;
  for (;;) {
    const buffer = new ArrayBuffer(chunkBytes);
    const count = process.stdin.read(buffer);
    if (count <= 0) {
      break;
    }
    chunks.push(Uint8Array.wrap(buffer, 0, count));
    total += count;
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (let index = 0; index < chunks.length; index++) {
    bytes.set(chunks[index], offset);
    offset += chunks[index].length;
  }
  return String.UTF8.decode(bytes.buffer);
}

/**
 * The string value of 'key' in the top-level JSON object 'json', decoded; null when the key is
 * absent, its value is not a string, or the JSON is malformed.
 */
export function configString(json: string, key: string): string | null {
  const reader = new Reader(json);
  reader.skipSpace();
  if (!reader.take(0x7b)) { // {
    return null;
  }
  reader.skipSpace();
  while (reader.peek() == 0x22) { // "
    const name = reader.readString();
    reader.skipSpace();
    if (name === null || !reader.take(0x3a)) { // :
      return null;
    }
    reader.skipSpace();
    if (name == key && reader.peek() == 0x22) {
      return reader.readString();
    }
    if (!reader.skipValue()) {
      return null;
    }
    reader.skipSpace();
    if (reader.take(0x2c)) { // ,
      reader.skipSpace();
    }
  }
  return null;
}

/** 'text' as a quoted JSON string. */
export function jsonString(text: string): string {
  let result = '"';
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code == 0x22 || code == 0x5c) {
      result += '\\' + String.fromCharCode(code);
    } else if (code < 0x20) {
      result += '\\u' + code.toString(16).padStart(4, '0');
    } else {
      result += String.fromCharCode(code);
    }
  }
  return result + '"';
}

class Reader {
  position: i32 = 0;

  constructor(public text: string) {}

  peek(): i32 {
    return this.position < this.text.length ? this.text.charCodeAt(this.position) : -1;
  }

  take(code: i32): bool {
    if (this.peek() != code) {
      return false;
    }
    this.position++;
    return true;
  }

  skipSpace(): void {
    let code = this.peek();
    while (code == 0x20 || code == 0x09 || code == 0x0a || code == 0x0d) {
      this.position++;
      code = this.peek();
    }
  }

  /** Reads the string at the opening quote; null when it is unterminated. */
  readString(): string | null {
    let result = '';
    this.position++;
    while (this.position < this.text.length) {
      const code = this.peek();
      this.position++;
      if (code == 0x22) {
        return result;
      }
      if (code != 0x5c) {
        result += String.fromCharCode(code);
        continue;
      }
      const escaped = this.peek();
      this.position++;
      if (escaped == 0x75) { // u
        const hex = this.text.substring(this.position, this.position + 4);
        this.position += 4;
        result += String.fromCharCode(<i32>parseInt(hex, 16));
      } else if (escaped == 0x6e) {
        result += '\n';
      } else if (escaped == 0x74) {
        result += '\t';
      } else if (escaped == 0x72) {
        result += '\r';
      } else if (escaped == 0x62) {
        result += '\b';
      } else if (escaped == 0x66) {
        result += '\f';
      } else if (escaped < 0) {
        return null;
      } else {
        result += String.fromCharCode(escaped);
      }
    }
    return null;
  }

  /** Skips one value of any kind; false when the JSON ends first. */
  skipValue(): bool {
    let depth = 0;
    do {
      this.skipSpace();
      const code = this.peek();
      if (code < 0) {
        return false;
      }
      if (code == 0x22) {
        if (this.readString() === null) {
          return false;
        }
        continue;
      }
      if (code == 0x7b || code == 0x5b) {
        depth++;
      } else if (code == 0x7d || code == 0x5d) {
        depth--;
      } else if (depth == 0) {
        while (this.peek() >= 0 && this.peek() != 0x2c && this.peek() != 0x7d
          && this.peek() != 0x5d) {
          this.position++;
        }
        return true;
      }
      this.position++;
    } while (depth > 0);
    return true;
  }
}
`);

const buildScript = sourceText(String.raw`
// Builds the module with AssemblyScript, then embeds generator.json as its dawg.generator
// custom section, where DAWG reads a generator's metadata without running it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import asc from 'assemblyscript/asc';

process.chdir(fileURLToPath(new URL('.', import.meta.url)));
const metadata = readFileSync('generator.json');
const output = 'build/' + JSON.parse(metadata.toString('utf8')).name + '.wasm';

mkdirSync('build', { recursive: true });
const { error } = await asc.main(['assembly/index.ts', '--config', 'asconfig.json',
  '--target', 'release', '--outFile', output]);
if (error) {
  console.error('asc failed: ' + error.message);
  process.exit(1);
}

const module = Buffer.concat([readFileSync(output), customSection('dawg.generator', metadata)]);
writeFileSync(output, module);
console.log('built ' + output + ' (' + module.length + ' bytes)');

/** A WebAssembly custom section: id 0, its size, then its name and payload. */
function customSection(name, payload) {
  const nameBytes = Buffer.from(name, 'utf8');
  const body = Buffer.concat([unsignedLeb128(nameBytes.length), nameBytes, payload]);
  return Buffer.concat([Buffer.from([0]), unsignedLeb128(body.length), body]);
}

function unsignedLeb128(value) {
  const bytes = [];
  let rest = value;
  do {
    const low = rest & 0x7f;
    rest >>>= 7;
    bytes.push(rest === 0 ? low : low | 0x80);
  } while (rest !== 0);
  return Buffer.from(bytes);
}
`);
