/**
 * Render benchmark: N manifests (default 1000) spread over the example generators, rendered by
 * the real pipeline, beside a bare one-thread baseline that instantiates and runs the same
 * modules with no pool, no files and no checks. Prints figures; asserts nothing.
 *
 *   npx tsx test/bench/render.ts [--count 1000] [--workers N]
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { renderProject } from '../../src/pipeline.js';
import { prepareGenerator } from '../../src/runtime/prepare-generator.js';
import { runGeneratorInline } from '../../src/runtime/run-inline.js';
import { exampleGenerators } from './example-generators.js';

const { values } = parseArgs({
  options: { count: { type: 'string', default: '1000' }, workers: { type: 'string' } },
});
const count = Number(values.count);
const workers = values.workers === undefined ? undefined : Number(values.workers);

const root = await mkdtemp(path.join(os.tmpdir(), 'dawg-bench-'));
try {
  const generators = await Promise.all(exampleGenerators.map(async (example) => ({
    ...example,
    bytes: new Uint8Array(await readFile(example.wasmPath)),
  })));

  for (let index = 0; index < count; index += 1) {
    const example = generators[index % generators.length]!;
    const manifest = [
      'apiVersion: dawg.urcloud.cc/v1',
      'kind: Dashboard',
      `metadata: {name: dashboard-${index}, namespace: bench}`,
      'spec:',
      `  generator: file://${example.wasmPath}`,
      `  config: ${JSON.stringify(example.config(index))}`,
      '',
    ].join('\n');
    await writeFile(path.join(root, `dashboard-${index}.yaml`), manifest);
  }

  const baseline = await measureBaseline(generators, count);
  const pipeline = await measurePipeline(root);
  const rssMiB = process.resourceUsage().maxRSS / 1024;

  console.log(`dashboards:           ${count} over ${generators.length} generators`);
  console.log(`pipeline:             ${pipeline.seconds.toFixed(2)} s, `
    + `${Math.round(count / pipeline.seconds)} dashboards/s (${pipeline.failed} failed)`);
  console.log(`baseline (1 thread):  ${baseline.seconds.toFixed(2)} s, `
    + `${Math.round(count / baseline.seconds)} dashboards/s, instantiate and run only`);
  console.log(`peak RSS:             ${rssMiB.toFixed(0)} MiB`);
} finally {
  await rm(root, { recursive: true, force: true });
}

async function measurePipeline(cwd: string): Promise<{ seconds: number; failed: number }> {
  const started = performance.now();
  const result = await renderProject({ cwd, workers });
  return { seconds: (performance.now() - started) / 1000, failed: result.failures.length };
}

async function measureBaseline(
  generators: readonly { bytes: Uint8Array; config: (index: number) => unknown }[],
  total: number,
): Promise<{ seconds: number }> {
  const prepared = await Promise.all(generators.map((generator) => prepareGenerator(generator.bytes, {})));
  const started = performance.now();
  for (let index = 0; index < total; index += 1) {
    const which = index % generators.length;
    const input = JSON.stringify(generators[which]!.config(index));
    const outcome = runGeneratorInline(prepared[which]!, input, {});
    if (outcome.status === 'failed') {
      throw outcome.error;
    }
  }
  return { seconds: (performance.now() - started) / 1000 };
}
