import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { Command, Option } from 'commander';

import { DawgError } from '../../errors.js';
import { pushGenerator } from '../../generator/oci/push-generator.js';
import { formatOciReference } from '../../generator/oci/reference.js';
import { defaultMaxModuleBytes } from '../../generator/resolve.js';
import { exitCodes } from '../exit-codes.js';
import { parsePositiveInteger } from '../parse-number.js';
import {
  addRegistryOptions,
  createRegistryCommandLogger,
  parseOciArgument,
  registryOptionsFromFlags,
  type RegistryFlags,
} from '../registry-flags.js';

interface PushFlags extends RegistryFlags {
  readonly annotation?: string[];
  readonly mountFrom?: string[];
  readonly chunkSizeMb?: number;
  readonly json?: boolean;
  readonly quiet?: boolean;
}

const mebibyte = 1024 * 1024;

/** `dawg push <file.wasm> oci://host/repository:tag`: publish a generator, print its digest. */
export function pushCommand(): Command {
  const command = new Command('push')
    .description('push a generator module to an OCI registry and print the manifest digest')
    .argument('<file>', 'the generator module (.wasm)')
    .argument('<reference>', 'where to push: oci://host[:port]/repository:tag')
    .option('--annotation <key=value...>', 'add a manifest annotation')
    .option('--mount-from <repository...>', 'mount the module from these repositories of the ' +
      'same registry instead of uploading it, when they hold it')
    .addOption(new Option('--chunk-size-mb <MiB>', 'upload modules larger than this in chunks')
      .argParser(parsePositiveInteger))
    .option('--json', 'print the result as JSON on stdout')
    .option('-q, --quiet', 'log only failures');

  return addRegistryOptions(command).action(async (file: string, target: string,
    flags: PushFlags) => {
    const logger = createRegistryCommandLogger(flags.quiet === true ? 'warn' : 'info');
    const reference = parseOciArgument(target);
    const annotations = parseAnnotations(flags.annotation ?? []);
    const bytes = await readModule(file);

    const result = await pushGenerator({
      ...registryOptionsFromFlags(flags, { logger }),
      bytes,
      reference,
      title: path.basename(file),
      annotations,
      mountFrom: flags.mountFrom,
      chunkSizeBytes: flags.chunkSizeMb === undefined ? undefined : flags.chunkSizeMb * mebibyte,
    });

    const pinned = `oci://${formatOciReference({ ...reference, tag: undefined,
      digest: result.manifestDigest })}`;
    if (flags.json === true) {
      process.stdout.write(`${JSON.stringify({
        reference: `oci://${formatOciReference(reference)}`,
        manifestDigest: result.manifestDigest,
        moduleDigest: result.digest,
        pinned,
        layer: result.layer,
      }, null, 2)}\n`);
    } else {
      process.stdout.write(`${result.manifestDigest}\n`);
    }
    logger.info(`pin it with ${pinned}`);
    process.exitCode = exitCodes.success;
  });
}

function parseAnnotations(entries: readonly string[]): Record<string, string> {
  const annotations: Record<string, string> = {};
  for (const entry of entries) {
    const equals = entry.indexOf('=');
    if (equals <= 0) {
      throw new DawgError('USAGE', `--annotation "${entry}" is not key=value`);
    }
    annotations[entry.slice(0, equals)] = entry.slice(equals + 1);
  }
  return annotations;
}

async function readModule(file: string): Promise<Uint8Array> {
  const bytes = await readFile(file).catch((error: unknown) => {
    throw new DawgError('USAGE', `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ??
      String(error)}`, { cause: error });
  });
  if (bytes.length > defaultMaxModuleBytes) {
    throw new DawgError('USAGE', `${file} is ${bytes.length} bytes, over the ` +
      `${defaultMaxModuleBytes}-byte generator limit`);
  }
  return new Uint8Array(bytes);
}
