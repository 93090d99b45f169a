import { Ajv, type Options, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';

import { DawgError } from '../errors.js';
import { locateConfig } from './config-positions.js';
import { describeConfigErrors, type ConfigProblem } from './describe-config-error.js';
import type { DashboardManifest, Position } from './manifest.js';
import { findSchemaDescription } from './schema-description.js';
import { findPosition, pointerToField } from './yaml-positions.js';

/**
 * Generators' schemas are third-party input: unknown keywords are tolerated rather than
 * refused, and ajv must never print. `format` is not checked: DAWG ships no format library.
 */
const ajvOptions: Options = {
  allErrors: true,
  verbose: true,
  strict: false,
  allowUnionTypes: true,
  validateFormats: false,
  logger: false,
};

/** Compiled schemas kept by text, for callers that parse the same metadata more than once. */
const maxCachedSchemas = 64;

type CompiledSchema =
  | { readonly status: 'compiled'; readonly validate: ValidateFunction }
  | { readonly status: 'failed'; readonly reason: string };

const bySchema = new WeakMap<object, CompiledSchema>();
const byText = new Map<string, CompiledSchema>();

/**
 * Checks `spec.config` against a generator's config schema (JSON Schema draft 2020-12, or
 * draft-07 when its `$schema` says so) before the generator runs. Returns undefined when the
 * config is valid, and also when a string config is not a YAML mapping (the generator's own
 * format, which no schema describes). Otherwise returns a CONFIG_INVALID error located at the
 * offending key in the manifest's file, its hint quoting the schema's description of that key,
 * its detail listing every problem found. A schema that does not compile gives a
 * GENERATOR_METADATA error located at `spec.generator`. Compiled schemas are cached.
 */
export function validateConfig(
  manifest: DashboardManifest,
  schema: object,
  generatorName: string,
): DawgError | undefined {
  const compiled = compileConfigSchema(schema);
  if (compiled.status === 'failed') {
    return schemaError(manifest, generatorName, compiled.reason);
  }
  const config = locateConfig(manifest);
  if (config === undefined || compiled.validate(config.value)) {
    return undefined;
  }

  const problems = uniqueProblems(describeConfigErrors(compiled.validate.errors ?? [])
    .map((problem) => ({ ...problem, position: config.locate(problem.pointer) })));
  const best = pickBest(problems);
  if (best === undefined) {
    return undefined;
  }

  return new DawgError('CONFIG_INVALID', best.message, {
    hint: describeFix(schema, best.describedPointer, generatorName),
    detail: problems.length < 2 ? undefined : listProblems(problems),
    location: {
      file: manifest.source.file,
      line: best.position.line,
      column: best.position.column,
      documentIndex: manifest.source.documentIndex,
      field: pointerToField(`/spec/config${best.pointer}`),
    },
  });
}

type PlacedProblem = ConfigProblem & { readonly position: Position };

function compileConfigSchema(schema: object): CompiledSchema {
  const cached = bySchema.get(schema);
  if (cached !== undefined) {
    return cached;
  }
  const text = JSON.stringify(schema);
  const compiled = byText.get(text) ?? compile(schema);
  if (byText.size >= maxCachedSchemas) {
    byText.clear();
  }
  byText.set(text, compiled);
  bySchema.set(schema, compiled);
  return compiled;
}

function compile(schema: object): CompiledSchema {
  const declared = (schema as { $schema?: unknown }).$schema;
  const isDraft07 = typeof declared === 'string' && declared.includes('draft-07');
  const isDraft2020 = declared === undefined
    || (typeof declared === 'string' && declared.includes('2020-12'));
  if (!isDraft07 && !isDraft2020) {
    return {
      status: 'failed',
      reason: `its $schema ${JSON.stringify(declared)} is not draft 2020-12 or draft-07`,
    };
  }

  try {
    const ajv = isDraft07 ? new Ajv(ajvOptions) : new Ajv2020(ajvOptions);
    return { status: 'compiled', validate: ajv.compile(schema) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { status: 'failed', reason: `it is not a valid JSON Schema: ${reason}` };
  }
}

function schemaError(
  manifest: DashboardManifest,
  generatorName: string,
  reason: string,
): DawgError {
  const position = findPosition(manifest.positions, '/spec/generator') ?? manifest.source;

  return new DawgError(
    'GENERATOR_METADATA',
    `generator ${generatorName} has a config schema DAWG cannot use: ${reason}`,
    {
      hint: 'the generator\'s author must fix its embedded metadata; the manifest is not at fault',
      location: {
        file: manifest.source.file,
        line: position.line,
        column: position.column,
        documentIndex: manifest.source.documentIndex,
        field: 'spec.generator',
      },
    },
  );
}

/** Branches of anyOf/oneOf often report the same thing twice. */
function uniqueProblems(problems: readonly PlacedProblem[]): PlacedProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.position.line}:${problem.position.column}:${problem.message}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

/** A near-miss key first (the likeliest fix), then the first problem in the file. */
function pickBest(problems: readonly PlacedProblem[]): PlacedProblem | undefined {
  const misspelt = problems.find((problem) => problem.isMisspelling);
  if (misspelt !== undefined) {
    return misspelt;
  }
  return [...problems].sort(compareProblems)[0];
}

function compareProblems(a: PlacedProblem, b: PlacedProblem): number {
  return a.position.line - b.position.line
    || a.position.column - b.position.column
    || a.rank - b.rank;
}

function describeFix(schema: object, pointer: string, generatorName: string): string {
  const description = findSchemaDescription(schema, pointer);
  if (description === undefined) {
    return `dawg inspect <generator> shows the config ${generatorName} accepts`;
  }
  return `${pointerToField(pointer)}: ${description} (${generatorName} config schema)`;
}

function listProblems(problems: readonly PlacedProblem[]): string {
  return [...problems]
    .sort(compareProblems)
    .map((problem) => `${problem.position.line}:${problem.position.column}: ${problem.message}`)
    .join('\n');
}
