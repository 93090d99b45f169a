#!/usr/bin/env node
// Builds the example generators in generators/ and embeds each one's generator.json as its
// dawg.generator section, printing one line per generator:
//   - generators/<name>/assembly/index.ts (AssemblyScript) → generators/<name>/build/
//     <name>.wasm, with asc and generators/asconfig.json (the WASI shim, -O3 with shrinking);
//     these outputs are gitignored.
//   - generators/c-<name>/src/*.c (C, DAWG's reactor convention) → the COMMITTED
//     generators/c-<name>/build/c-<name>.wasm, when clang is installed; without clang the
//     committed file is kept, so the examples render on machines without it.
// With --check (CI), a C rebuild that differs from the committed file is an error, and so is
// a missing clang. Runs after `npm run build`: the embedding is dist/generator/metadata.js.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync }
  from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const generatorsFolder = join(root, 'generators');
const asconfig = join(generatorsFolder, 'asconfig.json');

/**
 * DAWG's reactor convention (exported generate(), config in /dawg/input), optimised and
 * stripped; wasm32-wasi with --strip-all leaves no paths or timestamps in the module, so the
 * same clang and wasi-libc give the same bytes.
 */
const clangFlags = [
  '--target=wasm32-wasi', '-O2', '-mexec-model=reactor', '-Wall', '-Wextra', '-Werror',
  '-Wl,--strip-all',
];

const clangPackages = 'apt-get install clang lld wasi-libc libclang-rt-dev-wasm32';
const usage = 'usage: node scripts/build-generators.mjs [--check]';

async function main(argv) {
  const unknown = argv.filter((argument) => argument !== '--check');
  if (unknown.length > 0) {
    console.error(`build-generators: unknown argument ${unknown.join(' ')}\n${usage}`);
    return 2;
  }
  const isCheck = argv.includes('--check');
  const metadata = await importMetadata();
  const asc = (await import('assemblyscript/asc')).default;
  const clang = findClang();

  let failures = 0;
  for (const name of listGenerators()) {
    const started = performance.now();
    try {
      const line = name.startsWith('c-')
        ? buildC(name, { metadata, clang, isCheck })
        : await buildAssemblyScript(name, { metadata, asc });
      console.log(`${name}: ${line} (${formatSeconds(performance.now() - started)})`);
    } catch (error) {
      failures += 1;
      console.error(`${name}: FAILED: ${error instanceof Error ? error.message : error}`);
    }
  }
  return failures === 0 ? 0 : 1;
}

async function importMetadata() {
  try {
    return await import('../dist/generator/metadata.js');
  } catch (error) {
    throw new Error(`cannot load dist/generator/metadata.js (run npm run build first): ${error}`);
  }
}

/** Folders of generators/ that hold a generator.json, sorted. */
function listGenerators() {
  return readdirSync(generatorsFolder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .filter((name) => existsSync(join(generatorsFolder, name, 'generator.json')))
    .sort();
}

async function buildAssemblyScript(name, { metadata, asc }) {
  const folder = join(generatorsFolder, name);
  const output = join(folder, 'build', `${name}.wasm`);
  let binary;
  const diagnostics = [];
  const result = await asc.main([
    relative(root, join(folder, 'assembly', 'index.ts')),
    '--config', relative(root, asconfig),
    '--outFile', relative(root, output),
  ], {
    stdout: collect(diagnostics),
    stderr: collect(diagnostics),
    writeFile: (file, contents) => {
      binary = typeof contents === 'string' ? new TextEncoder().encode(contents) : contents;
    },
  });
  if (result.error !== null || binary === undefined) {
    const reason = result.error?.message ?? 'no output';
    throw new Error(`asc failed: ${reason}\n${diagnostics.join('')}`);
  }

  const embedded = embed(name, binary, metadata);
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, embedded);
  return `built ${relative(root, output)}, ${formatKilobytes(embedded.length)}`;
}

function buildC(name, { metadata, clang, isCheck }) {
  const folder = join(generatorsFolder, name);
  const committed = join(folder, 'build', `${name}.wasm`);
  if (clang === undefined) {
    if (isCheck) {
      throw new Error('clang for wasm32-wasi is not installed, so the committed module cannot '
        + `be checked (${clangPackages})`);
    }
    return `no clang for wasm32-wasi, kept the committed ${relative(root, committed)}`;
  }

  const embedded = embed(name, compileC(folder, name, clang), metadata);
  const previous = existsSync(committed) ? readFileSync(committed) : undefined;
  const isSame = previous !== undefined && Buffer.compare(previous, embedded) === 0;
  if (isCheck && !isSame) {
    throw new Error(`the rebuild differs from the committed ${relative(root, committed)}; `
      + 'run node scripts/build-generators.mjs and commit the result');
  }
  if (isSame) {
    return `rebuilt ${relative(root, committed)}, unchanged`;
  }
  mkdirSync(dirname(committed), { recursive: true });
  writeFileSync(committed, embedded);
  return `built ${relative(root, committed)}, ${formatKilobytes(embedded.length)}: commit it`;
}

function compileC(folder, name, clang) {
  const sources = readdirSync(join(folder, 'src'))
    .filter((file) => file.endsWith('.c'))
    .sort()
    .map((file) => join('src', file));
  const scratch = mkdtempSync(join(tmpdir(), 'dawg-build-'));
  try {
    const output = join(scratch, `${name}.wasm`);
    const run = spawnSync(clang, [...clangFlags, '-o', output, ...sources], {
      cwd: folder,
      encoding: 'utf8',
      env: withoutPackageBinaries(process.env),
    });
    if (run.status !== 0) {
      throw new Error(`clang failed:\n${run.stderr || run.error}`);
    }
    return readFileSync(output);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * The environment without node_modules/.bin on PATH. npm puts it there for scripts, and clang
 * runs any wasm-opt it finds on PATH after linking: binaryen's, which AssemblyScript brings,
 * would make `npm install` builds differ from plain ones, and the committed module with them.
 */
function withoutPackageBinaries(environment) {
  const folders = (environment.PATH ?? '').split(delimiter);
  const kept = folders.filter((folder) => !folder.split(sep).includes('node_modules'));
  return { ...environment, PATH: kept.join(delimiter) };
}

function embed(name, binary, { embedGeneratorMetadata, parseGeneratorMetadata }) {
  const file = join(generatorsFolder, name, 'generator.json');
  const generatorMetadata = parseGeneratorMetadata(readFileSync(file, 'utf8'));
  if (generatorMetadata.name !== name) {
    throw new Error(`${relative(root, file)} names the generator "${generatorMetadata.name}", `
      + `not "${name}" as its folder does`);
  }
  return embedGeneratorMetadata(binary, generatorMetadata);
}

/**
 * The clang that builds wasm32-wasi reactors: $CLANG, else clang on the PATH; undefined when
 * it is missing or lacks lld, wasi-libc or the wasm32 builtins, so that a machine with only a
 * native clang keeps the committed module instead of failing npm install.
 */
function findClang() {
  const clang = process.env.CLANG ?? 'clang';
  const scratch = mkdtempSync(join(tmpdir(), 'dawg-clang-'));
  try {
    const probe = spawnSync(clang, [
      '--target=wasm32-wasi', '-mexec-model=reactor', '-x', 'c', '-o', join(scratch, 'probe.wasm'),
      '-',
    ], { input: 'int probe(void) { return 0; }\n', encoding: 'utf8' });
    return probe.status === 0 ? clang : undefined;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function collect(lines) {
  return {
    write: (chunk) => {
      lines.push(typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk));
      return true;
    },
  };
}

function formatSeconds(milliseconds) {
  return `${(milliseconds / 1000).toFixed(1)} s`;
}

function formatKilobytes(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

process.exitCode = await main(process.argv.slice(2)).catch((error) => {
  console.error(`build-generators: ${error instanceof Error ? error.message : error}`);
  return 1;
});
