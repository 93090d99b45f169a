import { readFile } from 'node:fs/promises';

import { Command } from 'commander';

import { DawgError, isDawgError } from '../../errors.js';
import { sha256Digest } from '../../generator/digest.js';
import { formatOciReference } from '../../generator/oci/reference.js';
import { createOciResolver, type OciResolution } from '../../generator/oci/resolver.js';
import { prepareGenerator, type CallingConvention } from '../../runtime/prepare-generator.js';
import { exitCodes } from '../exit-codes.js';
import {
  formatMetadataInspection,
  inspectMetadata,
  type MetadataInspection,
} from '../inspect-metadata.js';
import {
  addRegistryOptions,
  createRegistryCommandLogger,
  isOciArgument,
  parseOciArgument,
  registryOptionsFromFlags,
  type RegistryFlags,
} from '../registry-flags.js';

interface InspectFlags extends RegistryFlags {
  readonly json?: boolean;
}

/** What `dawg inspect` prints, as JSON with --json. */
interface Inspection extends MetadataInspection {
  readonly reference: string;
  readonly manifestDigest?: string;
  readonly mediaType?: string;
  readonly artifactType?: string;
  readonly layerMediaType?: string;
  readonly platform?: string;
  readonly digest: string;
  readonly sizeBytes: number;
  /** `command` (stdin → stdout) or `reactor` (exported generate), as the sandbox runs it. */
  readonly convention: CallingConvention;
  readonly imports: readonly string[];
  readonly exports: readonly string[];
}

/**
 * `dawg inspect <reference|file>`: digests, media types, calling convention, imports and
 * exports of a generator, then its metadata and a config template. A module the sandbox would
 * refuse fails with the sandbox's reason; a malformed metadata section fails naming it.
 */
export function inspectCommand(): Command {
  const command = new Command('inspect')
    .description('show a generator\'s digests, media types, calling convention, imports, ' +
      'exports, metadata and a config template')
    .argument('<generator>', 'oci://…, registry://… or a local .wasm file (file:// optional)')
    .option('--json', 'print the result as JSON on stdout');

  return addRegistryOptions(command).action(async (target: string, flags: InspectFlags) => {
    const logger = createRegistryCommandLogger('warn');

    const inspection = isOciArgument(target)
      ? await inspectRemote(target, flags, logger)
      : await inspectFile(target.replace(/^file:\/\//, ''));

    process.stdout.write(flags.json === true
      ? `${JSON.stringify(inspection, null, 2)}\n`
      : formatInspection(inspection));
    process.exitCode = exitCodes.success;
  });
}

async function inspectRemote(
  target: string,
  flags: InspectFlags,
  logger: ReturnType<typeof createRegistryCommandLogger>,
): Promise<Inspection> {
  const reference = parseOciArgument(target);
  const resolver = createOciResolver({ ...registryOptionsFromFlags(flags, { logger }),
    lockFile: undefined });
  const pulled: OciResolution = await resolver.pull(reference);

  return {
    reference: `oci://${formatOciReference(reference)}`,
    manifestDigest: pulled.manifestDigest,
    mediaType: pulled.mediaType,
    artifactType: pulled.artifactType,
    layerMediaType: pulled.layerMediaType,
    platform: pulled.platform,
    ...await describeModule(pulled.bytes, target),
    ...inspectMetadata(pulled.bytes, target),
  };
}

async function inspectFile(file: string): Promise<Inspection> {
  const bytes = await readFile(file).catch((error: unknown) => {
    throw new DawgError('USAGE', `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ??
      String(error)}`, { cause: error });
  });
  const module = new Uint8Array(bytes);
  return {
    reference: file,
    ...await describeModule(module, file),
    ...inspectMetadata(module, file),
  };
}

async function describeModule(
  bytes: Uint8Array,
  shown: string,
): Promise<Pick<Inspection, 'digest' | 'sizeBytes' | 'convention' | 'imports' | 'exports'>> {
  try {
    const prepared = await prepareGenerator(bytes);
    return {
      digest: prepared.digest,
      sizeBytes: bytes.length,
      convention: prepared.convention,
      imports: prepared.imports,
      exports: prepared.exports,
    };
  } catch (error) {
    const reason = isDawgError(error) ? error.message : String(error);
    throw new DawgError(isDawgError(error) ? error.code : 'GENERATOR_INVALID_MODULE',
      `${shown} (${sha256Digest(bytes)}, ${bytes.length} bytes) cannot run as a generator: ` +
      reason, { cause: error });
  }
}

function formatInspection(inspection: Inspection): string {
  const rows: [string, string | undefined][] = [
    ['reference', inspection.reference],
    ['manifest', inspection.manifestDigest],
    ['media type', inspection.mediaType],
    ['artifact type', inspection.artifactType],
    ['layer type', inspection.layerMediaType],
    ['platform', inspection.platform],
    ['module', `${inspection.digest} (${inspection.sizeBytes} bytes)`],
    ['convention', inspection.convention],
    ['imports', list(inspection.imports)],
    ['exports', list(inspection.exports)],
  ];
  return rows
    .filter((row): row is [string, string] => row[1] !== undefined)
    .map(([label, value]) => `${`${label}:`.padEnd(15)}${value}\n`)
    .join('') + formatMetadataInspection(inspection, 15);
}

function list(items: readonly string[]): string {
  return items.length === 0 ? '(none)' : items.join(', ');
}
