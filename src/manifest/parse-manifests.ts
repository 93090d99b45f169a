import { LineCounter, parseAllDocuments, type YAMLError } from 'yaml';

import { DawgError } from '../errors.js';
import { locateConfigBlock } from './config-block.js';
import {
  manifestApiVersion,
  manifestKind,
  type DashboardManifest,
  type ManifestSource,
} from './manifest.js';
import { validateManifestDocument } from './validate-manifest.js';
import { collectPositions } from './yaml-positions.js';

/** One YAML document's fate: a manifest, a located error, or not ours. */
export type ManifestOutcome =
  | { readonly status: 'parsed'; readonly manifest: DashboardManifest }
  | { readonly status: 'failed'; readonly source: ManifestSource; readonly error: DawgError };

/** apiVersion groups of other tools' Dashboard kinds, skipped rather than refused. */
const foreignDashboardGroups: readonly string[] = ['dashboard.grafana.app/'];

/** Text that marks a file as meant for DAWG, so that its YAML errors are worth reporting. */
const dawgMarker = 'dawg.urcloud.cc';

export interface ParseManifestsOptions {
  /**
   * Report YAML syntax errors even when the file does not mention DAWG. True for files the user
   * named; false for files found by searching the whole project, where an unrelated broken YAML
   * file (a Helm template, say) is none of DAWG's business.
   */
  readonly reportForeignSyntaxErrors?: boolean;
}

/**
 * Parses every document of a YAML file and keeps the `kind: Dashboard` ones. Documents of other
 * kinds are skipped; a Dashboard with another apiVersion, an invalid one, or a YAML error in a
 * file meant for DAWG becomes a failed outcome located at the offending field.
 */
export function parseManifests(
  text: string,
  file: string,
  options: ParseManifestsOptions = {},
): ManifestOutcome[] {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  const isForDawg = options.reportForeignSyntaxErrors === true || text.includes(dawgMarker);
  if (!Array.isArray(documents)) {
    return [];
  }

  const outcomes: ManifestOutcome[] = [];
  documents.forEach((document, documentIndex) => {
    const start = lineCounter.linePos(document.contents?.range?.[0] ?? document.range[0]);
    const source: ManifestSource = {
      file,
      documentIndex,
      line: start.line,
      column: start.col,
    };
    const syntaxError = document.errors[0];
    if (syntaxError !== undefined) {
      if (isForDawg) {
        const at = lineCounter.linePos(syntaxError.pos[0]);
        const error = syntaxErrorAt(syntaxError, { ...source, line: at.line, column: at.col });
        outcomes.push({ status: 'failed', source, error });
      }
      return;
    }
    const value: unknown = document.toJS({ maxAliasCount: 100 });
    if (!isDashboardDocument(value)) {
      return;
    }

    const positions = collectPositions(document.contents, lineCounter);
    const error = checkApiVersion(value, source, positions.get('/apiVersion'))
      ?? validateManifestDocument(value, positions, source);
    if (error !== undefined) {
      outcomes.push({ status: 'failed', source, error });
      return;
    }
    const configBlock = locateConfigBlock(document, text, lineCounter);
    const manifest = { ...toManifest(value, source, positions), configBlock };
    outcomes.push({ status: 'parsed', manifest });
  });
  return outcomes;
}

interface DashboardDocument {
  readonly apiVersion?: unknown;
  readonly kind: 'Dashboard';
  readonly metadata: { readonly name: string; readonly namespace?: string };
  readonly spec: {
    readonly generator: string;
    readonly config?: unknown;
    readonly folder?: string;
  };
}

function isDashboardDocument(value: unknown): value is DashboardDocument {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const { kind, apiVersion } = value as { kind?: unknown; apiVersion?: unknown };
  const isForeign = typeof apiVersion === 'string'
    && foreignDashboardGroups.some((group) => apiVersion.startsWith(group));
  return kind === manifestKind && !isForeign;
}

function checkApiVersion(
  value: DashboardDocument,
  source: ManifestSource,
  position: { line: number; column: number } | undefined,
): DawgError | undefined {
  if (value.apiVersion === undefined || value.apiVersion === manifestApiVersion) {
    return undefined;
  }
  return new DawgError(
    'MANIFEST_INVALID',
    `kind Dashboard with apiVersion ${JSON.stringify(value.apiVersion)} is not supported`,
    {
      hint: `DAWG reads apiVersion ${manifestApiVersion}`,
      location: { ...source, ...position, field: 'apiVersion' },
    },
  );
}

/** `at` is the source with the line and column of the error itself. */
function syntaxErrorAt(error: YAMLError, at: ManifestSource): DawgError {
  const message = error.message.split('\n')[0] ?? error.message;

  return new DawgError('MANIFEST_PARSE', `YAML syntax error: ${message}`, {
    location: { file: at.file, line: at.line, column: at.column, documentIndex: at.documentIndex },
  });
}

function toManifest(
  value: DashboardDocument,
  source: ManifestSource,
  positions: DashboardManifest['positions'],
): DashboardManifest {
  const { config } = value.spec;

  return {
    name: value.metadata.name,
    namespace: value.metadata.namespace,
    generator: value.spec.generator,
    config: configText(config),
    configValue: typeof config === 'string' ? undefined : config ?? {},
    folder: value.spec.folder,
    source,
    positions,
  };
}

/**
 * What the generator reads: a mapping as compact JSON (which YAML parsers read too), a string
 * verbatim, no config as `{}`.
 */
function configText(config: unknown): string {
  if (typeof config === 'string') {
    return config;
  }
  return JSON.stringify(config ?? {});
}
