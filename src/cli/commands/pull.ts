import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { Command } from 'commander';

import { formatOciReference } from '../../generator/oci/reference.js';
import { createOciResolver } from '../../generator/oci/resolver.js';
import { exitCodes } from '../exit-codes.js';
import {
  addRegistryOptions,
  createRegistryCommandLogger,
  parseOciArgument,
  registryOptionsFromFlags,
  type RegistryFlags,
} from '../registry-flags.js';

interface PullFlags extends RegistryFlags {
  readonly output?: string;
  readonly quiet?: boolean;
}

/** `dawg pull oci://… -o file.wasm`: download and verify a generator module. */
export function pullCommand(): Command {
  const command = new Command('pull')
    .description('download a generator module from an OCI registry, verified, and print its ' +
      'digest')
    .argument('<reference>', 'oci://host[:port]/repository:tag or …@sha256:<digest>')
    .option('-o, --output <file>', 'where to write the module (default: <repository name>.wasm)')
    .option('-q, --quiet', 'log only failures');

  return addRegistryOptions(command).action(async (target: string, flags: PullFlags) => {
    const logger = createRegistryCommandLogger(flags.quiet === true ? 'warn' : 'info');
    const reference = parseOciArgument(target);
    const output = flags.output ?? `${path.basename(reference.repository)}.wasm`;
    const options = registryOptionsFromFlags(flags, { logger });
    const resolver = createOciResolver({ ...options, lockFile: undefined });

    const pulled = await resolver.pull(reference);
    await writeAtomically(output, pulled.bytes);

    logger.info(`wrote ${output} (${pulled.bytes.length} bytes) from ` +
      `oci://${formatOciReference(reference)}`, { digest: pulled.manifestDigest });
    process.stdout.write(`${pulled.digest}\n`);
    process.exitCode = exitCodes.success;
  });
}

async function writeAtomically(file: string, bytes: Uint8Array): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
}
