#!/usr/bin/env node
// Bundles the GitHub Action into action-dist/, the files action.yml runs; they are committed,
// because the runner runs an Action from its checkout without installing anything.
//
//   node scripts/bundle-action.mjs           rebuild action-dist/
//   node scripts/bundle-action.mjs --check   rebuild into a temporary folder and exit 1 when
//                                            the committed files differ from the fresh build
//
// The bundle sits two folders below the repository root (action-dist/action/), as the compiled
// dist/<stage>/<file>.js files do, so that the library's `new URL('../../…', import.meta.url)`
// reads of schema/ and package.json find the same files in the Action's checkout. The sandbox
// worker is a second entry beside it, where the runtime's `new URL('./…', import.meta.url)`
// looks for it.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const committedDir = path.join(root, 'action-dist');
const entryName = 'dawg-action-entry';

/** The only module that acts when loaded: it calls the Action's main(). */
const entryPlugin = {
  name: entryName,
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: new RegExp(`^${entryName}$`) }, () => ({
      path: entryName,
      namespace: entryName,
    }));
    pluginBuild.onLoad({ filter: /.*/, namespace: entryName }, () => ({
      contents: "import { main } from './src/action/main.ts';\nawait main();\n",
      resolveDir: root,
      loader: 'ts',
    }));
  },
};

async function bundle(outDir) {
  await rm(outDir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: [
      { in: entryName, out: 'action/index' },
      { in: 'src/runtime/sandbox-worker.ts', out: 'action/sandbox-worker' },
    ],
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Bundled CommonJS packages (commander, yaml, ajv) call require() for Node built-ins.
    banner: {
      js: "import { createRequire as dawgCreateRequire } from 'node:module';\n"
        + 'const require = dawgCreateRequire(import.meta.url);',
    },
    legalComments: 'eof',
    charset: 'utf8',
    logLevel: 'warning',
    plugins: [entryPlugin],
  });
}

async function listFiles(dir, prefix = '') {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files = [];
  for (const entry of entries) {
    const relative = path.posix.join(prefix, entry.name);
    if (entry.isDirectory()) {
      files.push(...await listFiles(path.join(dir, entry.name), relative));
    } else {
      files.push(relative);
    }
  }
  return files.sort();
}

async function findDifferences(committed, fresh) {
  const committedFiles = await listFiles(committed);
  const freshFiles = await listFiles(fresh);
  const differences = [];
  for (const file of new Set([...committedFiles, ...freshFiles])) {
    const [left, right] = await Promise.all([
      readFile(path.join(committed, file)).catch(() => undefined),
      readFile(path.join(fresh, file)).catch(() => undefined),
    ]);
    if (left === undefined || right === undefined || !left.equals(right)) {
      differences.push(left === undefined ? `${file} (missing)` : right === undefined
        ? `${file} (not built any more)` : file);
    }
  }
  return differences;
}

async function check() {
  const fresh = await mkdtemp(path.join(tmpdir(), 'dawg-action-'));
  try {
    await bundle(fresh);
    const differences = await findDifferences(committedDir, fresh);
    if (differences.length > 0) {
      console.error(`action-dist/ differs from a fresh build: ${differences.join(', ')}`);
      console.error('run `npm run bundle:action` and commit action-dist/');
      return 1;
    }
    console.log('action-dist/ matches a fresh build');
    return 0;
  } finally {
    await rm(fresh, { recursive: true, force: true });
  }
}

if (process.argv.includes('--check')) {
  process.exitCode = await check();
} else {
  await bundle(committedDir);
  console.log(`bundled the Action into ${path.relative(root, committedDir)}/`);
}
