import { readFileSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';

import { Command } from 'commander';

import {
  embedGeneratorMetadata,
  parseGeneratorMetadata,
  readGeneratorMetadata,
} from '../../generator/metadata.js';
import { DawgError, isDawgError } from '../../errors.js';
import { exitCodes } from '../exit-codes.js';

interface EmbedFlags {
  readonly output?: string;
}

/**
 * `dawg embed-metadata <module.wasm> <generator.json>`: the one build step that gives a
 * generator its `dawg.generator` section (name, version, config schema, example).
 */
export function embedMetadataCommand(): Command {
  return new Command('embed-metadata')
    .description('write generator.json into a module as its dawg.generator section')
    .argument('<module>', 'the generator module (.wasm)')
    .argument('<metadata>',
      'generator.json: name, version, description, configSchema, exampleConfig')
    .option('-o, --output <file>', 'write here instead of replacing <module>')
    .action(async (module: string, metadataFile: string, flags: EmbedFlags) => {
      const bytes = new Uint8Array(await readFile(module));
      const metadata = withFile(metadataFile, () =>
        parseGeneratorMetadata(readFileSync(metadataFile, 'utf8')));

      const embedded = embedGeneratorMetadata(bytes, metadata);
      const target = flags.output ?? module;
      const temporary = `${target}.${process.pid}.tmp`;
      await writeFile(temporary, embedded);
      await rename(temporary, target);

      const written = readGeneratorMetadata(embedded);
      process.stderr.write(`embedded ${written?.name ?? ''} ${written?.version ?? ''} `
        + `metadata into ${target}\n`);
      process.exitCode = exitCodes.success;
    });
}

/** Names the metadata file in an error about its content. */
function withFile<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!isDawgError(error)) {
      throw error;
    }
    throw new DawgError(error.code, error.message, { hint: error.hint, location: { file } });
  }
}
