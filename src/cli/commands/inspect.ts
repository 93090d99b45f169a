import { readFile } from 'node:fs/promises';

import { Command } from 'commander';

import { DawgError } from '../../errors.js';
import { sha256Digest } from '../../generator/digest.js';
import { formatOciReference } from '../../generator/oci/reference.js';
import { createOciResolver, type OciResolution } from '../../generator/oci/resolver.js';
import { exitCodes } from '../exit-codes.js';
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
interface Inspection {
  readonly reference: string;
  readonly manifestDigest?: string;
  readonly mediaType?: string;
  readonly artifactType?: string;
  readonly layerMediaType?: string;
  readonly platform?: string;
  readonly digest: string;
  readonly sizeBytes: number;
  readonly imports: readonly string[];
  readonly exports: readonly string[];
}

/** `dawg inspect <reference|file>`: digests, media types, imports and exports of a generator. */
export function inspectCommand(): Command {
  const command = new Command('inspect')
    .description('show a generator\'s digests, media types, imports and exports')
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
  };
}

async function inspectFile(file: string): Promise<Inspection> {
  const bytes = await readFile(file).catch((error: unknown) => {
    throw new DawgError('USAGE', `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ??
      String(error)}`, { cause: error });
  });
  return { reference: file, ...await describeModule(new Uint8Array(bytes), file) };
}

/**
 * The part of the WebAssembly JS API used here. The project compiles without the DOM library,
 * where these declarations live, so they are described locally.
 */
interface WebAssemblyApi {
  compile(bytes: Uint8Array): Promise<object>;
  readonly Module: {
    imports(module: object): ReadonlyArray<{ module: string; name: string; kind: string }>;
    exports(module: object): ReadonlyArray<{ name: string; kind: string }>;
  };
}

const webAssembly = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

async function describeModule(
  bytes: Uint8Array,
  shown: string,
): Promise<Pick<Inspection, 'digest' | 'sizeBytes' | 'imports' | 'exports'>> {
  let module: object;
  try {
    module = await webAssembly.compile(bytes);
  } catch (error) {
    throw new DawgError('GENERATOR_INVALID_MODULE', `${shown} is not a valid WebAssembly ` +
      `module: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return {
    digest: sha256Digest(bytes),
    sizeBytes: bytes.length,
    imports: webAssembly.Module.imports(module)
      .map((entry) => `${entry.module}.${entry.name} (${entry.kind})`),
    exports: webAssembly.Module.exports(module).map((entry) => `${entry.name} (${entry.kind})`),
  };
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
    ['imports', list(inspection.imports)],
    ['exports', list(inspection.exports)],
  ];
  return rows
    .filter((row): row is [string, string] => row[1] !== undefined)
    .map(([label, value]) => `${`${label}:`.padEnd(15)}${value}\n`)
    .join('');
}

function list(items: readonly string[]): string {
  return items.length === 0 ? '(none)' : items.join(', ');
}
