import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * The worker's view of the host environment: none. Generators never see it anyway (the WASI
 * layer gives them an empty one); this keeps secrets out of the thread itself as well.
 */
const workerEnvironment: Readonly<Record<string, string>> = {};

/**
 * Starts one sandbox worker thread.
 *
 * From compiled JavaScript (dist/, the Action bundle) the worker is sandbox-worker.js beside
 * this file. From the TypeScript sources (vitest, tsx benchmarks) Node 20 cannot load a .ts
 * worker by itself, and loader flags in a worker's execArgv do not reach its entry module; so
 * a two-line bootstrap registers tsx's loader inside the new thread first, then imports the
 * TypeScript entry. tsx is a development dependency, needed only in that second case.
 */
export function spawnSandboxWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./sandbox-worker.js', import.meta.url), {
      env: workerEnvironment,
    });
  }
  const tsxApi = resolveTsxEsmApi();
  const entry = new URL('./sandbox-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)})
    .then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true, env: workerEnvironment });
}

/**
 * The file URL of tsx's ESM API ('tsx/esm/api' under the import condition), read from tsx's
 * own package.json exports. require.resolve would pick the CommonJS build, which cannot be
 * imported from an eval'd worker.
 */
function resolveTsxEsmApi(): string {
  const packageJson = createRequire(import.meta.url).resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(packageJson, 'utf8')) as {
    exports?: Record<string, { import?: { default?: string } }>;
  };
  const target = manifest.exports?.['./esm/api']?.import?.default;
  if (target === undefined) {
    throw new Error('tsx does not export esm/api for import; it is needed to run from sources');
  }
  return pathToFileURL(path.join(path.dirname(packageJson), target)).href;
}
