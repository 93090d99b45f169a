import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ErrorCode } from '../../src/errors.js';
import { prepareGenerator, type PreparedGenerator } from '../../src/runtime/prepare-generator.js';
import { createSandboxPool, type SandboxPool } from '../../src/runtime/sandbox-pool.js';
import {
  adversarialWat,
  assembleWat,
  echoCommandWat,
  echoReactorWat,
  reactorErrorWat,
} from './wat-fixtures.js';

const limits = { maxMemoryBytes: 16 * 1024 * 1024 };
let pool: SandboxPool;
let good: PreparedGenerator;

async function prepare(name: keyof typeof adversarialWat): Promise<PreparedGenerator> {
  return prepareGenerator(await assembleWat(name, adversarialWat[name]), limits);
}

/** Renders the good generator: the proof that a bad neighbour harmed nothing. */
async function expectGoodRender(): Promise<void> {
  const outcome = await pool.run(good, '{"n":1}');
  expect(outcome).toMatchObject({ status: 'succeeded' });
  expect(outcome.status === 'succeeded' && JSON.parse(outcome.output)).toEqual({
    title: 'echo',
    config: { n: 1 },
  });
}

beforeAll(async () => {
  pool = createSandboxPool({
    size: 2,
    timeoutMs: 300,
    maxMemoryBytes: limits.maxMemoryBytes,
    maxOutputBytes: 1024 * 1024,
  });
  good = await prepareGenerator(await assembleWat('echo', echoCommandWat()), limits);
});

afterAll(async () => {
  await pool.close();
});

describe('sandbox: both calling conventions', () => {
  it('runs a WASI command with the config on stdin and the dashboard on stdout', async () => {
    expect(good.convention).toBe('command');
    await expectGoodRender();
  });

  it('runs a DAWG reactor that reads /dawg/input and returns (ptr << 32) | len', async () => {
    const reactor = await prepareGenerator(await assembleWat('reactor', echoReactorWat()), limits);

    const outcome = await pool.run(reactor, 'instance: node-1');

    expect(reactor.convention).toBe('reactor');
    expect(outcome).toMatchObject({
      status: 'succeeded',
      output: '{"title":"reactor","config":instance: node-1}',
    });
  });

  it("reports a reactor's 'e' error with its message", async () => {
    const reactor = await prepareGenerator(await assembleWat('reactor-error', reactorErrorWat()), limits);

    const outcome = await pool.run(reactor, '');

    expect(outcome).toMatchObject({
      status: 'failed',
      error: { code: 'RUN_FAILED', message: 'generator reported an error: config.instance is required' },
    });
  });

  it('gives byte-identical output for the same module and input', async () => {
    const clock = await prepare('clockrand');

    const first = await pool.run(clock, '');
    const second = await pool.run(clock, '');

    expect(first.status === 'succeeded' && first.output).toMatch(/^[0-9a-f]{64}$/);
    expect(second).toMatchObject({ status: 'succeeded', output: first.status === 'succeeded' ? first.output : '' });
  });
});

describe('sandbox: modules refused before they run', () => {
  it.each([
    ['sockopen', 'GENERATOR_FORBIDDEN_IMPORT', /wasi_snapshot_preview1\.sock_open, outside WASI preview1/],
    ['unknownimport', 'GENERATOR_FORBIDDEN_IMPORT', /env\.launch_missiles/],
    ['memimport', 'GENERATOR_FORBIDDEN_IMPORT', /env\.memory/],
    ['bigdata', 'RUN_MEMORY', /needs 4096 MiB of memory to start, over the 16 MiB cap/],
  ] as const)('refuses %s', async (name, code, message) => {
    const preparing = prepare(name);

    await expect(preparing).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
  });

  it('refuses a component, naming the component model', async () => {
    const component = Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00);

    await expect(prepareGenerator(component)).rejects.toMatchObject({
      code: 'GENERATOR_INVALID_MODULE',
      message: expect.stringContaining('component model is not supported'),
    });
  });

  it('refuses bytes that are not WebAssembly', async () => {
    await expect(prepareGenerator(new TextEncoder().encode('#!/bin/sh'))).rejects.toMatchObject({
      code: 'GENERATOR_INVALID_MODULE',
      message: expect.stringContaining('is not a WebAssembly module'),
    });
  });
});

describe('sandbox: misbehaving generators fail alone', () => {
  const cases: ReadonlyArray<readonly [keyof typeof adversarialWat, ErrorCode, RegExp]> = [
    ['loop', 'RUN_TIMEOUT', /exceeded its 300 ms deadline/],
    ['membomb', 'RUN_MEMORY', /with 16 MiB of its 16 MiB memory maximum in use/],
    ['membombFill', 'RUN_MEMORY', /with 12\.1 MiB of its 16 MiB memory maximum in use/],
    ['membombMax', 'RUN_MEMORY', /with 0\.5 MiB of its 0\.5 MiB memory maximum in use/],
    ['hugeout', 'RUN_OUTPUT_TOO_LARGE', /more than its 1 MiB output cap/],
    ['badptr', 'RUN_FAILED', /outside the module's memory/],
    ['trap', 'RUN_TRAP', /generator trapped: unreachable/],
    ['stackbomb', 'RUN_TRAP', /stack overflow/],
    ['exit7', 'RUN_FAILED', /exited with code 7$/],
    ['reactorExit', 'RUN_FAILED', /exited with code 3 in generate\(\)/],
    ['sockaccept', 'RUN_FAILED', /exited with code 76$/],
    ['noFsRead', 'RUN_FAILED', /exited with code 8$/],
    ['noFsEscape', 'RUN_FAILED', /exited with code 76 in generate\(\)/],
    ['noFsWrite', 'RUN_FAILED', /exited with code 76 in generate\(\)/],
  ];

  for (const [name, code, message] of cases) {
    it(`${name} fails with ${code} and the next render still succeeds`, async () => {
      const generator = await prepare(name);
      await expectGoodRender();

      const outcome = await pool.run(generator, '{}');

      expect(outcome).toMatchObject({ status: 'failed', error: { code } });
      expect(outcome.status === 'failed' && outcome.error.message).toMatch(message);
      await expectGoodRender();
    });
  }

  it('sees no environment even when the host has a secret set', async () => {
    process.env['DAWG_TEST_SUITE_SECRET'] = 'hunter2';
    const generator = await prepare('noEnvRead');

    const outcome = await pool.run(generator, '');

    expect(outcome).toMatchObject({ status: 'failed', error: { message: expect.stringMatching(/code 10$/) } });
    delete process.env['DAWG_TEST_SUITE_SECRET'];
  });

  it('answers an hour-long sleep at once, on the fake clock', async () => {
    const generator = await prepare('sleep');

    const outcome = await pool.run(generator, '');

    expect(outcome).toMatchObject({ status: 'succeeded', output: '{"title":"awake"}' });
  });

  it('fails a run cancelled through its AbortSignal, and keeps working', async () => {
    const generator = await prepare('loop');
    const controller = new AbortController();

    const running = pool.run(generator, '', { signal: controller.signal });
    controller.abort();

    await expect(running).resolves.toMatchObject({
      status: 'failed',
      error: { message: expect.stringContaining('cancelled') },
    });
    await expectGoodRender();
  });
});
