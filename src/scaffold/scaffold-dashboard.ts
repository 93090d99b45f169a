import path from 'node:path';

import { readGeneratorMetadata, type GeneratorMetadata } from '../generator/metadata.js';
import { parseGeneratorReference, type GeneratorReference } from '../generator/reference.js';
import { createGeneratorResolver, type OciModuleSource } from '../generator/resolve.js';
import { formatDashboardManifest } from './dashboard-manifest.js';

export interface ScaffoldDashboardOptions {
  /** `file://…`, `oci://…`, `registry://…`, or a path to a .wasm file. */
  readonly generator: string;
  /**
   * Where the manifest will be written, relative to `cwd`: a `file://` reference in it is
   * written relative to this file's folder. Default `<name>.yaml`.
   */
  readonly manifestFile?: string;
  /** `metadata.name`. Default: the generator's name, else its file or repository name. */
  readonly name?: string;
  /** `metadata.namespace`. Default: none. */
  readonly namespace?: string;
  /** Default `process.cwd()`. */
  readonly cwd?: string;
  /** Where oci:// generators come from. Without it, oci:// references fail clearly. */
  readonly registry?: OciModuleSource;
  readonly signal?: AbortSignal;
}

export interface ScaffoldDashboardResult {
  /** The manifest file, relative to `cwd` as given (or defaulted). */
  readonly manifestFile: string;
  readonly manifest: string;
  readonly name: string;
  /** Undefined when the generator carries no metadata. */
  readonly metadata: GeneratorMetadata | undefined;
}

/** A Kubernetes-style name from any text: lowercase, `-` for the rest, at most 63 long. */
const maxNameLength = 63;

/**
 * Writes the text of a Dashboard manifest for a generator, from the metadata in its module:
 * the example config, with each key's description from the config schema as a comment. A
 * generator without metadata gets an empty config. Reads the module (fetching an oci://
 * generator), but writes nothing. Throws GENERATOR_METADATA for a malformed metadata section,
 * and the resolver's errors for a module it cannot get.
 */
export async function scaffoldDashboard(
  options: ScaffoldDashboardOptions,
): Promise<ScaffoldDashboardResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const reference = parseGeneratorReference(asReferenceText(options.generator), {
    baseDir: cwd,
  });
  const resolver = createGeneratorResolver({ oci: options.registry });
  const resolved = await resolver.resolve(reference, { signal: options.signal });
  const metadata = readGeneratorMetadata(resolved.bytes);

  const name = options.name ?? toManifestName(metadata?.name ?? fallbackName(reference));
  const manifestFile = options.manifestFile ?? `${name}.yaml`;
  const manifestFolder = path.dirname(path.resolve(cwd, manifestFile));
  const manifest = formatDashboardManifest({
    name,
    namespace: options.namespace,
    generator: referenceFrom(manifestFolder, reference),
    configSchema: metadata?.configSchema,
    exampleConfig: metadata?.exampleConfig,
    comments: describeOrigin(metadata, manifestFile),
  });

  return { manifestFile, manifest, name, metadata };
}

function asReferenceText(text: string): string {
  const hasScheme = ['file://', 'oci://', 'registry://'].some((scheme) => text.startsWith(scheme));
  return hasScheme ? text : `file://${text}`;
}

/** A file reference relative to the manifest's folder, as DAWG resolves it. */
function referenceFrom(manifestFolder: string, reference: GeneratorReference): string {
  if (reference.scheme === 'oci') {
    return reference.text;
  }
  const relative = path.relative(manifestFolder, reference.path).split(path.sep).join('/');
  return `file://${encodeURI(relative)}`;
}

function fallbackName(reference: GeneratorReference): string {
  return reference.scheme === 'file'
    ? path.basename(reference.path, '.wasm')
    : path.posix.basename(reference.oci.repository);
}

function toManifestName(text: string): string {
  const name = text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .slice(0, maxNameLength)
    .replace(/^-+|-+$/g, '');
  return name === '' ? 'dashboard' : name;
}

function describeOrigin(metadata: GeneratorMetadata | undefined, manifestFile: string): string[] {
  const render = `Render it with: dawg render ${manifestFile}`;
  if (metadata === undefined) {
    return [
      'Made by dawg init dashboard. The generator describes no config: see its documentation.',
      render,
    ];
  }
  const about = metadata.description === undefined ? [] : [metadata.description];
  const origin = `Made by dawg init dashboard from ${metadata.name} ${metadata.version}.`;
  return [origin, ...about, render];
}
