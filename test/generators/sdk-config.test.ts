import { join, relative } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYamlDocument } from 'yaml';

import { prepareGenerator, type PreparedGenerator } from '../../src/runtime/prepare-generator.js';
import { runGeneratorInline } from '../../src/runtime/run-inline.js';

const generatorsFolder = join(import.meta.dirname, '..', '..', 'generators');

/** Compiles generators/sdk/test/echo-config.ts, which writes back the config it parsed. */
async function buildEchoGenerator(): Promise<Uint8Array> {
  const asc = (await import('assemblyscript/asc')).default;
  const fromHere = (path: string): string => relative(process.cwd(), path);
  let binary: Uint8Array | undefined;
  const messages: string[] = [];
  const result = await asc.main([
    fromHere(join(generatorsFolder, 'sdk', 'test', 'echo-config.ts')),
    '--config', fromHere(join(generatorsFolder, 'asconfig.json')),
    '--outFile', 'echo-config.wasm',
  ], {
    stdout: { write: (chunk: string) => messages.push(chunk) },
    stderr: { write: (chunk: string) => messages.push(chunk) },
    writeFile: (_: string, contents: Uint8Array | string) => {
      binary = typeof contents === 'string' ? new TextEncoder().encode(contents) : contents;
    },
  });
  if (result.error !== null || binary === undefined) {
    throw new Error(`asc failed: ${messages.join('')}`);
  }
  return binary;
}

/** YAML configs in the supported subset, each read as the yaml package reads it. */
const yamlConfigs: Readonly<Record<string, string>> = {
  'key: value lines': 'instance: node-1:9100\njob: node\n',
  'nested mappings': 'slo:\n  availability: 0.999\n  latency:\n    bucket: "0.3"\ntop: 1\n',
  'lists of scalars, indented or not': 'a:\n  - x\n  - 2\nb:\n- true\n- ~\n',
  'flow lists': 'quantiles: [0.5, 0.9, "0.99"]\nempty: []\nnone: {}\n',
  'core schema scalars': 'i: -12\nf: 1.5e3\nt: True\nn: null\ns: 1.2.3\nd: .5\nx: 0x1F\n'
    + 'o: 0o17\nv: 0xZ\n',
  'quoted strings and comments': [
    '# a comment',
    'double: "a \\"b\\" \\\\ \\n c" # trailing',
    "single: 'it''s # not a comment'",
    'hash: a#b',
    '"quoted key": yes',
    'url: http://example.com/a?b=c',
    '',
  ].join('\n'),
  'a document start, CRLF line ends and blank lines': '---\r\na: 1\r\n\r\nb: two\r\n',
  'an empty config': '',
};

const jsonConfigs: readonly string[] = [
  '{"a":[1,-2.5e-3,true,false,null],"b":{"c":"\\u00e9\\ud83d\\ude00\\t\\"/"}}',
  '  {"title": "checkout", "nested": {"empty": {}, "list": []}}  ',
  '{"control":"\\u0001\\u001f\\b\\f\\r","lone surrogates":"a\\ud800b\\udc00"}',
];

const badConfigs: ReadonlyArray<readonly [config: string, message: string]> = [
  ['[1, 2]', 'config must be a mapping of fields, not a list'],
  ['{"a": 1} x', 'config is not valid JSON: unexpected text after the value at line 1, column 10'],
  ['{"a": 1,}', 'config is not valid JSON: expected a quoted key at line 1, column 9'],
  ['{"a": 1, "a": 2}', 'the key "a" appears twice'],
  ['{"a": "x\ty"}', 'control character in a string'],
  ['{"a": 01}', 'config is not valid JSON'],
  [`{"a":${'['.repeat(100)}${']'.repeat(100)}}`, 'nested deeper than 64 levels'],
  ['- a\n- b\n', 'config must be a mapping of fields, not a list'],
  ['a: 1\na: 2\n', 'config line 2: the key "a" appears twice'],
  ['a: |\n  text\n', 'config line 1: block scalars, anchors, aliases and tags are not supported'],
  ['a: &x 1\n', 'anchors, aliases and tags'],
  ['a:\n  - b: 1\n', 'config line 2: only lists of plain values are supported'],
  ['a: "open\n', 'config line 1: unterminated quoted string'],
  ['a: [1, [2]]\n', 'flow lists hold plain values only'],
  ['a: 1\n\tb: 2\n', 'config line 2: indent with spaces, not tabs'],
  ['just text\n', 'config line 1: expected "key: value"'],
  ['a: 1\n  b: 2\n', 'config line 2: unexpected indentation'],
];

describe('the SDK config readers', () => {
  let echo: PreparedGenerator;

  beforeAll(async () => {
    echo = await prepareGenerator(await buildEchoGenerator());
  });

  function parseThroughSdk(config: string): unknown {
    const outcome = runGeneratorInline(echo, config);
    if (outcome.status === 'failed') {
      throw new Error(`the config was refused: ${outcome.stderr}`);
    }
    return JSON.parse(outcome.output);
  }

  it.each(Object.entries(yamlConfigs))('reads %s as a YAML parser does', (_, config) => {
    const expected = parseYamlDocument(config) ?? {};

    expect(parseThroughSdk(config)).toEqual(expected);
  });

  it.each(jsonConfigs)('reads %s as JSON.parse does', (config) => {
    expect(parseThroughSdk(config)).toEqual(JSON.parse(config));
  });

  it('keeps the order in which mapping keys were written', () => {
    const output = runGeneratorInline(echo, 'zebra: 1\napple: 2\nmango: 3\n');

    const expected = '{"zebra":1,"apple":2,"mango":3}\n';
    expect(output.status === 'succeeded' && output.output).toBe(expected);
  });

  it.each(badConfigs)('refuses %j with a one-line message', (config, message) => {
    const outcome = runGeneratorInline(echo, config);

    expect(outcome.status).toBe('failed');
    expect(outcome.stderr).toContain(message);
    expect(outcome.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
