/**
 * Every failure DAWG reports is a DawgError: a stable code, a one-line message in the user's
 * terms, an optional hint, and where it happened (file, line, column, document, field).
 *
 * Recognise one with `isDawgError`, not `instanceof`: class identity does not survive a
 * worker thread or a second copy of the library.
 */

/** Where in the user's input an error points. All parts are optional; the more, the better. */
export interface ErrorLocation {
  /** Path of the manifest file, relative to the working directory when possible. */
  readonly file?: string;
  /** 1-based line in `file`. */
  readonly line?: number;
  /** 1-based column in `file`. */
  readonly column?: number;
  /** 0-based index of the YAML document inside `file`. */
  readonly documentIndex?: number;
  /** Dotted path of the field, e.g. `spec.generator`. */
  readonly field?: string;
}

/** The error codes, one per kind of failure. Codes are part of the public API. */
export const errorCodes = [
  'MANIFEST_PARSE',
  'MANIFEST_INVALID',
  'MANIFEST_DUPLICATE',
  'GENERATOR_REFERENCE',
  'GENERATOR_UNSUPPORTED',
  'GENERATOR_NOT_FOUND',
  'GENERATOR_INVALID_MODULE',
  'GENERATOR_FORBIDDEN_IMPORT',
  'GENERATOR_METADATA',
  'CONFIG_INVALID',
  'RUN_FAILED',
  'RUN_TRAP',
  'RUN_TIMEOUT',
  'RUN_MEMORY',
  'RUN_OUTPUT_TOO_LARGE',
  'OUTPUT_INVALID',
  'OUTPUT_DUPLICATE_UID',
  'REGISTRY',
  'REGISTRY_AUTH',
  'REGISTRY_NOT_FOUND',
  'REGISTRY_UNREACHABLE',
  'REGISTRY_DIGEST_MISMATCH',
  'REGISTRY_MEDIA_TYPE',
  'LOCK_STALE',
  'GRAFANA',
  'GRAFANA_AUTH',
  'GRAFANA_UNREACHABLE',
  'GRAFANA_CONFLICT',
  'GRAFANA_DRIFT',
  'GRAFANA_VERSION',
  'GITHUB_API',
  'USAGE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface DawgErrorOptions {
  readonly hint?: string;
  readonly location?: ErrorLocation;
  readonly cause?: unknown;
  /** Longer detail, e.g. what a generator wrote to stderr. Shown in verbose output. */
  readonly detail?: string;
}

const marker = Symbol.for('dawg.error');

export class DawgError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly location: ErrorLocation | undefined;
  readonly detail: string | undefined;
  readonly [marker] = true;

  constructor(code: ErrorCode, message: string, options: DawgErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DawgError';
    this.code = code;
    this.hint = options.hint;
    this.location = options.location;
    this.detail = options.detail;
  }
}

export function isDawgError(value: unknown): value is DawgError {
  return typeof value === 'object' && value !== null && marker in value;
}

/** Wraps anything thrown into a DawgError, keeping an existing one as it is. */
export function toDawgError(value: unknown, code: ErrorCode = 'INTERNAL'): DawgError {
  if (isDawgError(value)) {
    return value;
  }
  const message = value instanceof Error ? value.message : String(value);
  return new DawgError(code, message, { cause: value });
}

/**
 * `file:line:column: message (document N, field F)`, the form editors and CI logs link to.
 */
export function formatError(error: DawgError): string {
  const where = formatLocation(error.location);
  const context = formatContext(error.location);
  const hint = error.hint === undefined ? '' : ` (hint: ${error.hint})`;

  return `${where}${error.message}${context}${hint}`;
}

function formatLocation(location: ErrorLocation | undefined): string {
  if (location?.file === undefined) {
    return '';
  }
  const line = location.line === undefined ? '' : `:${location.line}`;
  const column = location.line === undefined || location.column === undefined
    ? ''
    : `:${location.column}`;
  return `${location.file}${line}${column}: `;
}

function formatContext(location: ErrorLocation | undefined): string {
  const parts: string[] = [];
  if (location?.documentIndex !== undefined) {
    parts.push(`document ${location.documentIndex + 1}`);
  }
  if (location?.field !== undefined) {
    parts.push(`field ${location.field}`);
  }
  return parts.length === 0 ? '' : ` [${parts.join(', ')}]`;
}
