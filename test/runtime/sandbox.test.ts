import { existsSync } from 'node:fs';
import { getEventListeners } from 'node:events';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ErrorCode } from '../../src/errors.js';
import { prepareGenerator, type PreparedGenerator } from '../../src/runtime/prepare-generator.js';
import { runGeneratorInline } from '../../src/runtime/run-inline.js';
import { createSandboxPool, type SandboxPool } from '../../src/runtime/sandbox-pool.js';
import {
  adversarialWat,
  assembleWat,
  echoCommandWat,
  echoReactorWat,
  reactorErrorWat,
  reactorLifecycleWat,
} from './wat-fixtures.js';

type FixtureName = keyof typeof adversarialWat;

const maxMemoryBytes = 16 * 1024 * 1024;
const timeoutMs = 300;
let pool: SandboxPool;
let good: PreparedGenerator;

async function prepare(name: FixtureName): Promise<PreparedGenerator> {
  return prepareGenerator(await assembleWat(name, adversarialWat[name]), { maxMemoryBytes });
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
  pool = createSandboxPool({ size: 2, timeoutMs, maxMemoryBytes, maxOutputBytes: 1024 * 1024 });
  good = await prepareGenerator(await assembleWat('echo', echoCommandWat()), { maxMemoryBytes });
});

afterAll(async () => {
  await pool.close();
});

describe('createSandboxPool: both calling conventions', () => {
  it('runs a WASI command with the config on stdin and the dashboard on stdout', async () => {
    expect(good.convention).toBe('command');

    await expectGoodRender();
  });

  it('runs a DAWG reactor that reads /dawg/input and returns (ptr << 32) | len', async () => {
    const reactor = await prepareGenerator(await assembleWat('reactor', echoReactorWat()));

    const outcome = await pool.run(reactor, 'instance: node-1');

    expect(reactor.convention).toBe('reactor');
    expect(outcome).toMatchObject({
      status: 'succeeded',
      output: '{"title":"reactor","config":instance: node-1}',
    });
  });

  it('calls a reactor\'s _start, then _initialize, then generate, WASI answering after exit 0',
    async () => {
      const reactor = await prepareGenerator(await assembleWat('life', reactorLifecycleWat()));

      const outcome = await pool.run(reactor, '');

      expect(outcome).toMatchObject({ status: 'succeeded', output: 'SIG' });
    });

  it("reports a reactor's 'e' error with its message", async () => {
    const reactor = await prepareGenerator(await assembleWat('reactor-e', reactorErrorWat()));

    const outcome = await pool.run(reactor, '');

    expect(outcome).toMatchObject({
      status: 'failed',
      error: {
        code: 'RUN_FAILED',
        message: 'generator reported an error: config.instance is required',
      },
    });
  });

  it('gives byte-identical output for the same module and input, in a pool or inline',
    async () => {
      const clock = await prepare('clockrand');

      const first = await pool.run(clock, '');
      const second = await pool.run(clock, '');
      const inline = runGeneratorInline(clock, '');

      expect(first.status === 'succeeded' && first.output).toMatch(/^[0-9a-f]{64}$/);
      const output = first.status === 'succeeded' ? first.output : '';
      expect(second).toMatchObject({ status: 'succeeded', output });
      expect(inline).toMatchObject({ status: 'succeeded', output });
    });
});

describe('prepareGenerator: modules refused before they run', () => {
  const cases: ReadonlyArray<readonly [FixtureName, ErrorCode, RegExp]> = [
    ['sockopen', 'GENERATOR_FORBIDDEN_IMPORT',
      /^generator module imports wasi_snapshot_preview1\.sock_open, outside WASI preview1$/],
    ['unknownimport', 'GENERATOR_FORBIDDEN_IMPORT', /imports env\.launch_missiles,/],
    ['memimport', 'GENERATOR_FORBIDDEN_IMPORT', /imports env\.memory,/],
    ['bigdata', 'RUN_MEMORY', /needs 4 GiB of memory to start, over the 16 MiB cap/],
    ['noEntryPoint', 'GENERATOR_INVALID_MODULE', /exports neither _start .* nor generate/],
    ['noMemory', 'GENERATOR_INVALID_MODULE', /exports no memory/],
  ];

  for (const [name, code, message] of cases) {
    it(`refuses ${name} with ${code}, and other generators still render`, async () => {
      await expectGoodRender();

      const preparing = prepare(name);

      await expect(preparing).rejects.toMatchObject({
        code,
        message: expect.stringMatching(message),
      });
      await expectGoodRender();
    });
  }

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

describe('createSandboxPool: misbehaving generators fail alone', () => {
  const cases: ReadonlyArray<readonly [FixtureName, ErrorCode, RegExp]> = [
    ['loop', 'RUN_TIMEOUT', /^generator exceeded its 300 ms deadline and was stopped$/],
    ['hang', 'RUN_TIMEOUT', /^generator exceeded its 300 ms deadline/],
    ['membomb', 'RUN_MEMORY', /ran out of memory: .* with 16 MiB of its 16 MiB memory maximum/],
    ['membombFill', 'RUN_MEMORY', /with 12\.1 MiB of its 16 MiB memory maximum in use/],
    ['membombMax', 'RUN_MEMORY', /with 512 KiB of its 512 KiB memory maximum in use/],
    ['hugeout', 'RUN_OUTPUT_TOO_LARGE', /^generator wrote more than its 1 MiB output cap$/],
    ['catchOutputLimit', 'RUN_OUTPUT_TOO_LARGE', /more than its 1 MiB output cap/],
    ['reactorHugeout', 'RUN_OUTPUT_TOO_LARGE', /returned 2\.0 GiB, over its 1 MiB output cap/],
    ['badptr', 'RUN_TRAP', /returned an output buffer .* outside its 64 KiB of memory/],
    ['trap', 'RUN_TRAP',
      /^generator trapped: unreachable \(64 KiB of its 16 MiB memory maximum in use\)$/],
    ['panic', 'RUN_TRAP',
      /trapped: unreachable .*: thread 'main' panicked at src\/main\.rs:4:5: \/ config has no/],
    ['stackbomb', 'RUN_TRAP', /stack overflow/],
    ['exit7', 'RUN_FAILED', /^generator exited with code 7$/],
    ['catchExit', 'RUN_FAILED', /^generator exited with code 7$/],
    ['stderrExit', 'RUN_FAILED',
      /^generator exited with code 1: error: config\.panels must be a number \/ see the docs$/],
    ['reactorExit', 'RUN_FAILED', /exited with code 3 in generate\(\) instead of returning/],
    ['reactorStartExit', 'RUN_FAILED', /^generator exited with code 2 in _start$/],
    ['sockaccept', 'RUN_FAILED', /exited with code 76$/],
    ['faultyPointer', 'RUN_FAILED', /exited with code 21$/],
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

  it('keeps what a generator wrote to stderr beside the failure', async () => {
    const generator = await prepare('panic');

    const outcome = await pool.run(generator, '');

    expect(outcome.stderr)
      .toBe("thread 'main' panicked at src/main.rs:4:5:\nconfig has no panels\n");
    expect(outcome.status === 'failed' && outcome.error.detail).toContain('config has no panels');
  });

  it('creates no file when a reactor asks to create /dawg/hacked', async () => {
    const generator = await prepare('noFsWrite');

    await pool.run(generator, '');

    expect(existsSync('hacked')).toBe(false);
    expect(existsSync('/dawg/hacked')).toBe(false);
  });

  it('sees no environment even when the host has a secret set', async () => {
    process.env['DAWG_TEST_SUITE_SECRET'] = 'hunter2';
    const generator = await prepare('noEnvRead');
    await expectGoodRender();

    const outcome = await pool.run(generator, '');
    delete process.env['DAWG_TEST_SUITE_SECRET'];

    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'RUN_FAILED' } });
    expect(outcome.status === 'failed' && outcome.error.message).toMatch(/code 10$/);
    await expectGoodRender();
  });

  it('answers an hour-long sleep at once, on the fake clock', async () => {
    const generator = await prepare('sleep');

    const outcome = await pool.run(generator, '');

    expect(outcome).toMatchObject({ status: 'succeeded', output: '{"title":"awake"}' });
  });
});

describe('createSandboxPool: cancelling and closing', () => {
  it('stops a running generator when its AbortSignal fires, and keeps working', async () => {
    const generator = await prepare('loop');
    const controller = new AbortController();
    await expectGoodRender();

    const running = pool.run(generator, '', { signal: controller.signal });
    controller.abort();

    await expect(running).resolves.toMatchObject({
      status: 'failed',
      error: { code: 'RUN_TIMEOUT', message: expect.stringContaining('cancelled') },
    });
    await expectGoodRender();
  });

  it('fails a run at once when its signal has already fired', async () => {
    const outcome = await pool.run(good, '{}', { signal: AbortSignal.abort(new Error('stop')) });

    expect(outcome).toMatchObject({
      status: 'failed',
      error: {
        code: 'RUN_TIMEOUT',
        message: expect.stringMatching(/cancelled before .* \(stop\)$/),
      },
    });
  });

  it('lets go of its abort listeners once runs are over', async () => {
    const controller = new AbortController();

    const outcomes = await Promise.all(Array.from({ length: 20 },
      () => pool.run(good, '{"n":1}', { signal: controller.signal })));

    expect(outcomes.every((outcome) => outcome.status === 'succeeded')).toBe(true);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('drops a queued run when its signal fires, without running it', async () => {
    const single = createSandboxPool({ size: 1, timeoutMs: 5_000 });
    const loop = await prepare('loop');
    const controller = new AbortController();
    const blocking = single.run(loop, '');

    const queued = single.run(good, '{"n":1}', { signal: controller.signal });
    controller.abort();

    await expect(queued).resolves.toMatchObject({ error: { code: 'RUN_TIMEOUT' } });
    await single.close();
    await expect(blocking).resolves.toMatchObject({
      error: { message: expect.stringContaining('the sandbox pool closed') },
    });
  });

  it('fails running and queued runs on close, and refuses runs after it', async () => {
    const single = createSandboxPool({ size: 1, timeoutMs: 5_000 });
    const loop = await prepare('loop');
    const running = single.run(loop, '');
    const queued = single.run(good, '{}');

    await single.close();

    await expect(running).resolves.toMatchObject({ error: { code: 'RUN_TIMEOUT' } });
    await expect(queued).resolves.toMatchObject({ error: { code: 'RUN_TIMEOUT' } });
    await expect(single.run(good, '{}')).resolves.toMatchObject({
      error: { message: expect.stringContaining('the sandbox pool is closed') },
    });
  });

  it('refuses a limit that is not a positive number', () => {
    expect(() => createSandboxPool({ timeoutMs: 0 })).toThrow(
      expect.objectContaining({ code: 'USAGE', message: expect.stringContaining('timeoutMs') }),
    );
  });
});
