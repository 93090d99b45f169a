import { readFileSync } from 'node:fs';

import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { closest, distance } from 'fastest-levenshtein';

import { DawgError } from '../errors.js';
import type { ManifestSource, Position } from './manifest.js';
import { findPosition, pointerToField } from './yaml-positions.js';

/** Furthest a misspelt key may be from a known one to earn a "did you mean" hint. */
const maxHintDistance = 3;

let schema: object | undefined;
let compiled: ValidateFunction | undefined;

/** The manifest JSON Schema shipped in schema/, the same file editors use. Read once. */
export function readManifestSchema(): object {
  const url = new URL('../../schema/dashboard-manifest.schema.json', import.meta.url);
  schema ??= JSON.parse(readFileSync(url, 'utf8')) as object;
  return schema;
}

/** Compiled on first use, once per process. */
function manifestValidator(): ValidateFunction {
  if (compiled === undefined) {
    const options = { allErrors: true, verbose: true, strict: true, allowUnionTypes: true };
    compiled = new Ajv2020(options).compile(readManifestSchema());
  }
  return compiled;
}

/**
 * Checks one Dashboard document against the manifest schema. Returns the single most useful
 * error (an unknown key with a close known one first, then the first in the file), located at
 * the offending field, or undefined when the document is valid.
 */
export function validateManifestDocument(
  value: unknown,
  positions: ReadonlyMap<string, Position>,
  source: ManifestSource,
): DawgError | undefined {
  const validate = manifestValidator();
  if (validate(value)) {
    return undefined;
  }

  const described = (validate.errors ?? []).map((error) => describeError(error, positions));
  const best = pickBest(described);
  if (best === undefined) {
    return undefined;
  }
  const position = best.position ?? { line: source.line, column: source.column };
  return new DawgError('MANIFEST_INVALID', best.message, {
    hint: best.hint,
    location: {
      file: source.file,
      line: position.line,
      column: position.column,
      documentIndex: source.documentIndex,
      field: best.field === '' ? undefined : best.field,
    },
  });
}

interface DescribedError {
  readonly message: string;
  readonly field: string;
  readonly position: Position | undefined;
  readonly hint: string | undefined;
  readonly isMisspelling: boolean;
}

function pickBest(errors: readonly DescribedError[]): DescribedError | undefined {
  const misspelt = errors.find((error) => error.isMisspelling);
  if (misspelt !== undefined) {
    return misspelt;
  }
  return [...errors].sort((a, b) => comparePositions(a.position, b.position))[0];
}

function comparePositions(a: Position | undefined, b: Position | undefined): number {
  if (a === undefined || b === undefined) {
    return a === undefined ? 1 : -1;
  }
  return a.line - b.line || a.column - b.column;
}

function describeError(
  error: ErrorObject,
  positions: ReadonlyMap<string, Position>,
): DescribedError {
  const pointer = error.instancePath;
  const field = pointerToField(pointer);
  const description = describeField(pointer);
  const plain = (message: string): DescribedError => ({
    message,
    field,
    position: findPosition(positions, pointer),
    hint: description,
    isMisspelling: false,
  });

  switch (error.keyword) {
    case 'additionalProperties':
      return describeUnknownKey(error, positions);
    case 'required': {
      const missing = String((error.params as { missingProperty: string }).missingProperty);
      const missingField = field === '' ? missing : `${field}.${missing}`;
      const missingPointer = `${pointer}/${missing}`;
      return {
        ...plain(`${missingField} is required`),
        field: missingField,
        hint: describeField(missingPointer),
      };
    }
    case 'const':
      return plain(`${field} must be ${JSON.stringify(error.schema)}, got ${show(error.data)}`);
    case 'type':
      return plain(`${field} must be ${joinTypes(error.schema)}, got ${typeName(error.data)}`);
    case 'minLength':
      return plain(`${field} must not be empty`);
    case 'pattern':
    case 'maxLength':
      return plain(`${field} ${show(error.data)} does not have the required form`);
    default:
      return plain(`${field} ${error.message ?? 'is not valid'}`);
  }
}

function describeUnknownKey(
  error: ErrorObject,
  positions: ReadonlyMap<string, Position>,
): DescribedError {
  const key = String((error.params as { additionalProperty: string }).additionalProperty);
  const pointer = `${error.instancePath}/${key}`;
  const field = pointerToField(pointer);
  const known = Object.keys(
    (error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {},
  );
  const extended = known.find((name) => name.startsWith(key));
  const suggestion = extended ?? (known.length === 0 ? undefined : closest(key, known));
  const isClose = suggestion !== undefined
    && (extended !== undefined || distance(key, suggestion) <= maxHintDistance);
  const allowed = known.length === 0 ? '' : ` (allowed: ${known.join(', ')})`;

  return {
    message: `unknown field ${field}${allowed}`,
    field,
    position: findPosition(positions, pointer),
    hint: isClose ? `did you mean ${suggestion}?` : undefined,
    isMisspelling: isClose,
  };
}

/** The schema's description of the field at `pointer`, quoted as the hint of its errors. */
function describeField(pointer: string): string | undefined {
  let schema: unknown = readManifestSchema();
  for (const token of pointer.split('/').slice(1)) {
    schema = (schema as { properties?: Record<string, unknown> }).properties?.[token];
    if (schema === undefined) {
      return undefined;
    }
  }
  const description = (schema as { description?: unknown }).description;
  return pointer !== '' && typeof description === 'string' ? description : undefined;
}

function joinTypes(schema: unknown): string {
  const names: Record<string, string> = { object: 'a mapping', array: 'a list' };
  const types = Array.isArray(schema) ? schema.map(String) : [String(schema)];
  return types.map((type) => names[type] ?? `a ${type}`).join(' or ');
}

function typeName(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  return typeof value === 'object' ? 'a mapping' : `a ${typeof value}`;
}

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : typeName(value);
}
