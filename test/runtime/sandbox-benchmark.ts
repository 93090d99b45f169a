/**
 * Figures for the generator sandbox: compile, per-render cost inline and through the pool,
 * throughput, and how fast misbehaving generators are stopped. Prints a table; asserts nothing.
 *
 *   npx tsx test/runtime/sandbox-benchmark.ts [renders]
 */
import os from 'node:os';

import { prepareGenerator, type PreparedGenerator } from '../../src/runtime/prepare-generator.js';
import { runGeneratorInline } from '../../src/runtime/run-inline.js';
import { createSandboxPool, type SandboxPool } from '../../src/runtime/sandbox-pool.js';
import { adversarialWat, assembleWat, echoCommandWat, echoReactorWat } from './wat-fixtures.js';

const renders = Number(process.argv[2] ?? 1000);
/** About the size of a 115-panel dashboard, the research's reference generator output. */
const largeInput = JSON.stringify({ panels: 'x'.repeat(50_000) });
const smallInput = '{"app_name":"x","panels":3}';
/** Long enough for the memory and output bombs to reach their caps first. */
const failureDeadlineMs = 3_000;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((first, second) => first - second);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timeMs(action: () => Promise<unknown> | unknown): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

function formatMs(milliseconds: number, digits: number): string {
  return `${milliseconds.toFixed(digits)} ms`;
}

function report(label: string, value: string): void {
  process.stdout.write(`${label.padEnd(58)} ${value}\n`);
}

async function measureCompile(bytes: Uint8Array): Promise<void> {
  const samples: number[] = [];
  for (let index = 0; index < 50; index += 1) {
    samples.push(await timeMs(() => prepareGenerator(bytes)));
  }
  report('prepareGenerator (check, cap, compile), median of 50', formatMs(median(samples), 3));
}

function measureInline(generator: PreparedGenerator, label: string, input: string): void {
  const samples: number[] = [];
  for (let index = 0; index < 200; index += 1) {
    const started = performance.now();
    runGeneratorInline(generator, input);
    samples.push(performance.now() - started);
  }
  report(`inline run, ${label}, median of 200`, formatMs(median(samples), 3));
}

async function measureThroughput(generator: PreparedGenerator, pool: SandboxPool): Promise<void> {
  const inline = await timeMs(() => {
    for (let index = 0; index < renders; index += 1) {
      runGeneratorInline(generator, largeInput);
    }
  });
  const pooled = await timeMs(() => Promise.all(Array.from({ length: renders },
    () => pool.run(generator, largeInput))));
  const rate = (ms: number): string =>
    `${formatMs(ms, 0)} (${Math.round(renders / (ms / 1000))}/s)`;
  report(`${renders} renders of 50 KB, one thread inline`, rate(inline));
  report(`${renders} renders of 50 KB, pool of ${pool.size}`, rate(pooled));
}

async function measureFailure(
  pool: SandboxPool,
  good: PreparedGenerator,
  name: keyof typeof adversarialWat,
): Promise<void> {
  const generator = await prepareGenerator(await assembleWat(name, adversarialWat[name]));
  let code = '';
  const failed = await timeMs(async () => {
    const outcome = await pool.run(generator, '');
    code = outcome.status === 'failed' ? outcome.error.code : 'succeeded';
  });
  const next = await timeMs(() => pool.run(good, smallInput));
  report(`${name}: ${code} after`, `${formatMs(failed, 1)}, next render ${formatMs(next, 1)}`);
}

async function main(): Promise<void> {
  const echoBytes = await assembleWat('echo', echoCommandWat());
  const command = await prepareGenerator(echoBytes);
  const reactor = await prepareGenerator(await assembleWat('reactor', echoReactorWat()));
  report('machine', `${os.availableParallelism()} CPUs, Node ${process.version}`);
  await measureCompile(echoBytes);
  measureInline(command, 'command, 30 B config', smallInput);
  measureInline(command, 'command, 50 KB config', largeInput);
  measureInline(reactor, 'reactor, 50 KB config', largeInput);

  const pool = createSandboxPool({ timeoutMs: failureDeadlineMs });
  try {
    const first = await timeMs(() => pool.run(command, smallInput));
    report('first render on a new pool (worker start included)', formatMs(first, 1));
    const warm: number[] = [];
    for (let index = 0; index < 200; index += 1) {
      warm.push(await timeMs(() => pool.run(command, smallInput)));
    }
    report('pool round trip, one render at a time, median of 200', formatMs(median(warm), 3));
    await measureThroughput(command, pool);
    report('misbehaving generators, default caps', `${failureDeadlineMs} ms deadline`);
    for (const name of ['loop', 'hang', 'membomb', 'membombFill', 'hugeout'] as const) {
      await measureFailure(pool, command, name);
    }
  } finally {
    await pool.close();
  }
}

await main();
