import { sourceText, type ScaffoldFile } from './scaffold-file.js';

/**
 * Versions the scaffold's package.json asks for: the ones DAWG's own examples and tests build
 * with.
 */
const assemblyScriptVersion = '^0.28.20';
const wasiShimVersion = '^0.1.0';

/**
 * A generator in AssemblyScript, built with npm packages only (assemblyscript and its WASI
 * shim) on DAWG's generator SDK (`sdk`, the files of readSdkFiles): config on stdin, dashboard
 * JSON on stdout. Its build script appends generator.json to the module as the dawg.generator
 * custom section.
 */
export function assemblyScriptFiles(name: string, sdk: readonly ScaffoldFile[]): ScaffoldFile[] {
  return [
    { path: 'package.json', content: json(packageJson(name)) },
    { path: 'asconfig.json', content: json(asconfig) },
    { path: 'assembly/tsconfig.json', content: json(assemblyTsconfig) },
    { path: 'assembly/index.ts', content: generatorSource },
    ...sdk,
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
    release: { optimizeLevel: 3, shrinkLevel: 2, noAssert: false, runtime: 'incremental' },
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
// A DAWG generator: reads its config on stdin (JSON, or the YAML of a 'config: |' block) and
// writes a Grafana dashboard as JSON on stdout. On a bad config it writes one line on stderr
// and exits 1. DAWG checks each config against the schema in generator.json before it runs
// this, so the checks here only guard other callers.
//
// assembly/sdk/ is DAWG's generator SDK for AssemblyScript, copied here by dawg init: its
// index.ts lists what it offers.
import { Dashboard, Panel, Selector, readConfig, writeOutput } from './sdk';

const config = readConfig();
config.rejectUnknown(['service', 'title', 'datasource']);
const service = config.requiredString('service');

const dashboard = new Dashboard(config.optionalString('title', service + ' overview'));
dashboard.tags = [service];
dashboard.defaultDatasource = config.optionalString('datasource', 'prometheus');

const requests = new Selector().equal('service', service);
const errors = requests.with('code', '=~', '5..');
dashboard.addPanel(Panel.timeseries('Requests per second').withUnit('reqps')
  .addTarget('sum(rate(http_requests_total' + requests.toString() + '[5m]))', 'requests'));
dashboard.addPanel(Panel.timeseries('Errors per second').withUnit('reqps')
  .addTarget('sum(rate(http_requests_total' + errors.toString() + '[5m]))', 'errors'));

writeOutput(dashboard.toJson());
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
