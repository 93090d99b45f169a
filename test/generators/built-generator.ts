import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { prepareGenerator, type PreparedGenerator } from '../../src/runtime/prepare-generator.js';
import { runGeneratorInline } from '../../src/runtime/run-inline.js';
import type { RunOutcome } from '../../src/runtime/run-outcome.js';

const generatorsFolder = join(import.meta.dirname, '..', '..', 'generators');

/** Path of an example generator's module, as scripts/build-generators.mjs writes it. */
export function builtGeneratorPath(name: string): string {
  return join(generatorsFolder, name, 'build', `${name}.wasm`);
}

/** The module bytes of an example generator; fails the test when it has not been built. */
export function readBuiltGenerator(name: string): Uint8Array {
  const path = builtGeneratorPath(name);
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: run npm run build && npm run build:generators`);
  }
  return readFileSync(path);
}

/** Prepares an example generator for the sandbox once, for many runs. */
export async function prepareBuiltGenerator(name: string): Promise<PreparedGenerator> {
  return prepareGenerator(readBuiltGenerator(name));
}

/** Runs a prepared generator on `config` in the current thread. */
export function runOnConfig(generator: PreparedGenerator, config: string): RunOutcome {
  return runGeneratorInline(generator, config);
}

/** The generator.json of an example generator, parsed. */
export function readGeneratorJson(name: string): Record<string, unknown> {
  const text = readFileSync(join(generatorsFolder, name, 'generator.json'), 'utf8');
  return JSON.parse(text) as Record<string, unknown>;
}
