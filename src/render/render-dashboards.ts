import path from 'node:path';

import pLimit from 'p-limit';

import { DawgError, toDawgError, type ErrorCode } from '../errors.js';
import { shortDigest } from '../generator/digest.js';
import { readGeneratorMetadata, type GeneratorMetadata } from '../generator/metadata.js';
import { parseGeneratorReference } from '../generator/reference.js';
import type { GeneratorResolver } from '../generator/resolve.js';
import { silentLogger, type Logger } from '../log.js';
import { manifestKey, type DashboardManifest } from '../manifest/manifest.js';
import { validateConfig } from '../manifest/validate-config.js';
import { findPosition } from '../manifest/yaml-positions.js';
import { prepareGenerator, type PreparedGenerator } from '../runtime/prepare-generator.js';
import type { SandboxPool } from '../runtime/sandbox-pool.js';
import { checkDashboardOutput } from './check-output.js';
import type { RenderedDashboard } from './rendered-dashboard.js';

export type RenderOutcome =
  | { readonly status: 'rendered'; readonly dashboard: RenderedDashboard }
  | { readonly status: 'failed'; readonly manifest: DashboardManifest; readonly error: DawgError };

export interface RenderDashboardsOptions {
  /** Working directory that manifest paths are relative to. */
  readonly cwd: string;
  readonly resolver: GeneratorResolver;
  readonly pool: SandboxPool;
  /** Memory cap applied to every module before it is compiled. */
  readonly maxMemoryBytes?: number;
  /** Renders in flight at once (queued in the pool beyond its size). */
  readonly concurrency: number;
  readonly logger?: Logger;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: { readonly done: number; readonly total: number }) => void;
}

/** Which field a failure points at: the generator for module trouble, else the config. */
const configFaultCodes: ReadonlySet<ErrorCode> = new Set(['RUN_FAILED', 'CONFIG_INVALID']);

/**
 * Renders each manifest with its generator. Each distinct module is fetched and compiled once;
 * every render has its own sandbox. A failure is an outcome for that manifest alone.
 */
export async function renderDashboards(
  manifests: readonly DashboardManifest[],
  options: RenderDashboardsOptions,
): Promise<RenderOutcome[]> {
  const logger = options.logger ?? silentLogger;
  const prepared = new Map<string, Promise<PreparedGenerator>>();
  const metadata = new Map<string, GeneratorMetadata | undefined>();
  const limit = pLimit(options.concurrency);
  let done = 0;

  const prepareOnce = (digest: string, bytes: Uint8Array): Promise<PreparedGenerator> => {
    const existing = prepared.get(digest);
    if (existing !== undefined) {
      return existing;
    }
    const result = prepareGenerator(bytes, { maxMemoryBytes: options.maxMemoryBytes });
    prepared.set(digest, result);
    return result;
  };

  const metadataOnce = (digest: string, bytes: Uint8Array): GeneratorMetadata | undefined => {
    if (!metadata.has(digest)) {
      metadata.set(digest, readGeneratorMetadata(bytes));
    }
    return metadata.get(digest);
  };
  const readMetadata = (manifest: DashboardManifest, digest: string, bytes: Uint8Array) => {
    try {
      return metadataOnce(digest, bytes);
    } catch (error) {
      const cause = toDawgError(error, 'GENERATOR_METADATA');
      throw new DawgError(cause.code, `generator ${manifest.generator}: ${cause.message}`, {
        hint: cause.hint,
        cause,
      });
    }
  };

  const renderOne = async (manifest: DashboardManifest): Promise<RenderOutcome> => {
    const started = performance.now();
    try {
      const baseDir = path.dirname(path.resolve(options.cwd, manifest.source.file));
      const reference = parseGeneratorReference(manifest.generator, { baseDir });
      const resolved = await options.resolver.resolve(reference, { signal: options.signal });
      const generatorMetadata = readMetadata(manifest, resolved.digest, resolved.bytes);
      const configError = checkConfig(manifest, generatorMetadata);
      if (configError !== undefined) {
        return failed(manifest, configError);
      }
      const generator = await prepareOnce(resolved.digest, resolved.bytes);
      const run = await options.pool.run(generator, manifest.config, { signal: options.signal });
      if (run.status === 'failed') {
        return failed(manifest, run.error, run.stderr);
      }
      if (run.stderr.trim() !== '') {
        logger.warn(`generator wrote to stderr: ${firstLine(run.stderr)}`, {
          dashboard: manifestKey(manifest),
        });
      }

      const checked = checkDashboardOutput(run.output, manifest);
      logger.debug(
        `rendered ${manifestKey(manifest)} with ${shortDigest(resolved.digest)} in ${
          Math.round(performance.now() - started)} ms`,
        { file: manifest.source.file, uid: checked.uid },
      );
      return {
        status: 'rendered',
        dashboard: {
          manifest,
          uid: checked.uid,
          title: checked.title,
          dashboard: checked.dashboard,
          generatorDigest: resolved.digest,
          outputPath: `${manifest.namespace ?? 'default'}/${manifest.name}.json`,
        },
      };
    } catch (error) {
      return failed(manifest, toDawgError(error));
    }
  };

  const outcomes = await Promise.all(manifests.map((manifest) => limit(async () => {
    const outcome = await renderOne(manifest);
    done += 1;
    options.onProgress?.({ done, total: manifests.length });
    return outcome;
  })));

  return rejectDuplicateUids(outcomes);
}

/** Validates spec.config against the generator's own schema, when it carries one. */
function checkConfig(
  manifest: DashboardManifest,
  metadata: GeneratorMetadata | undefined,
): DawgError | undefined {
  if (metadata?.configSchema === undefined) {
    return undefined;
  }
  return validateConfig(manifest, metadata.configSchema, metadata.name);
}

function failed(manifest: DashboardManifest, error: DawgError, stderr?: string): RenderOutcome {
  const field = configFaultCodes.has(error.code) ? 'spec.config' : 'spec.generator';
  return { status: 'failed', manifest, error: locate(error, manifest, field, stderr) };
}

/** Adds the manifest's file, document and field to an error that has no location yet. */
export function locate(
  error: DawgError,
  manifest: DashboardManifest,
  field: string,
  stderr?: string,
): DawgError {
  if (error.location?.file !== undefined) {
    return error;
  }
  const pointer = `/${field.replaceAll('.', '/')}`;
  const position = findPosition(manifest.positions, pointer) ?? manifest.source;
  const hasStderr = stderr !== undefined && stderr.trim() !== '';
  const detail = error.detail ?? (hasStderr ? stderr : undefined);

  return new DawgError(error.code, error.message, {
    hint: error.hint,
    cause: error.cause,
    detail,
    location: {
      file: manifest.source.file,
      line: position.line,
      column: position.column,
      documentIndex: manifest.source.documentIndex,
      field,
    },
  });
}

/** Two manifests rendering one uid would overwrite each other in Grafana: both fail. */
function rejectDuplicateUids(outcomes: RenderOutcome[]): RenderOutcome[] {
  const byUid = new Map<string, RenderedDashboard[]>();
  for (const outcome of outcomes) {
    if (outcome.status === 'rendered') {
      const group = byUid.get(outcome.dashboard.uid) ?? [];
      group.push(outcome.dashboard);
      byUid.set(outcome.dashboard.uid, group);
    }
  }

  return outcomes.map((outcome) => {
    if (outcome.status === 'failed') {
      return outcome;
    }
    const group = byUid.get(outcome.dashboard.uid) ?? [];
    const others = group.filter((other) => other !== outcome.dashboard);
    if (others.length === 0) {
      return outcome;
    }
    const names = others.map((other) => describeSource(other.manifest)).join(', ');
    const error = new DawgError(
      'OUTPUT_DUPLICATE_UID',
      `dashboard uid ${outcome.dashboard.uid} is also rendered by ${names}`,
      { hint: 'give each dashboard its own uid, or leave uid out of the generator output' },
    );
    return failed(outcome.dashboard.manifest, error);
  });
}

export function describeSource(manifest: DashboardManifest): string {
  const { file, line, documentIndex } = manifest.source;
  return `${file}:${line} (document ${documentIndex + 1})`;
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
