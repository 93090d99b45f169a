import type { DefinedError, ErrorObject } from 'ajv';
import { closest, distance } from 'fastest-levenshtein';

import { escapePointerToken, pointerToField } from './yaml-positions.js';

/** One thing wrong with a config, in the user's words, before it is placed in the file. */
export interface ConfigProblem {
  /** `spec.config.<path> <what is wrong>`. */
  readonly message: string;
  /** JSON pointer into the config of the field the problem is about. */
  readonly pointer: string;
  /** The field whose schema description explains the fix: the missing or suggested key. */
  readonly describedPointer: string;
  /** An unknown key close to a known one: the likeliest thing the user wants to hear. */
  readonly isMisspelling: boolean;
  /** Among problems at one place, lower is more useful: a summary of branches comes last. */
  readonly rank: number;
}

/** Furthest a misspelt key may be from a known one to earn a "did you mean". */
const maxSuggestionDistance = 3;

/** Enum values quoted in a message; longer lists end with "…". */
const maxEnumValuesShown = 8;

/** Keywords that only summarise their branches' own errors. */
const summaryKeywords: ReadonlySet<string> = new Set(['anyOf', 'oneOf', 'not', 'if']);

/**
 * Turns ajv's errors (from a validator compiled with `verbose: true`) into problems. Type
 * errors for one field (as `anyOf` branches give) merge into one: "must be a string or a
 * mapping".
 */
export function describeConfigErrors(errors: readonly ErrorObject[]): ConfigProblem[] {
  const typeErrors = new Map<string, { types: string[]; data: unknown }>();
  const problems: ConfigProblem[] = [];

  for (const error of errors as readonly DefinedError[]) {
    if (error.keyword === 'type') {
      const entry = typeErrors.get(error.instancePath) ?? { types: [], data: error.data };
      entry.types.push(...error.params.type.split(','));
      typeErrors.set(error.instancePath, entry);
      continue;
    }
    problems.push(describeError(error));
  }

  for (const [pointer, { types, data }] of typeErrors) {
    const expected = [...new Set(types)].map(typeArticle).join(' or ');
    problems.push(problem(pointer, `must be ${expected}, got ${typeName(data)}`, { rank: 1 }));
  }
  return problems;
}

function describeError(error: DefinedError): ConfigProblem {
  const pointer = error.instancePath;
  const rank = summaryKeywords.has(error.keyword) ? 2 : 0;

  switch (error.keyword) {
    case 'required': {
      const missing = `${pointer}/${escapePointerToken(error.params.missingProperty)}`;
      return problem(missing, 'is required');
    }
    case 'additionalProperties':
      return describeUnknownKey(error, error.params.additionalProperty);
    case 'unevaluatedProperties':
      return describeUnknownKey(error, error.params.unevaluatedProperty);
    case 'enum':
      return problem(pointer, `must be one of ${listValues(error.params.allowedValues)}, got ${
        show(error.data)}`);
    case 'const':
      return problem(pointer, `must be ${JSON.stringify(error.params.allowedValue)}, got ${
        show(error.data)}`);
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return problem(pointer, `must be ${error.params.comparison} ${error.params.limit}, got ${
        show(error.data)}`);
    case 'multipleOf':
      return problem(pointer, `must be a multiple of ${error.params.multipleOf}, got ${
        show(error.data)}`);
    case 'minLength':
      return error.params.limit === 1
        ? problem(pointer, 'must not be empty')
        : problem(pointer, `must be at least ${error.params.limit} characters long`);
    case 'maxLength':
      return problem(pointer, `must be at most ${error.params.limit} characters long`);
    case 'pattern':
      return problem(pointer, `${show(error.data)} does not match the pattern ${
        error.params.pattern}`);
    case 'minItems':
      return problem(pointer, `must have at least ${error.params.limit} items, got ${
        count(error.data)}`);
    case 'maxItems':
      return problem(pointer, `must have at most ${error.params.limit} items, got ${
        count(error.data)}`);
    case 'uniqueItems':
      return problem(pointer, `has the same value at items ${error.params.j} and ${
        error.params.i}`);
    default:
      return problem(pointer, describeOther(error), { rank });
  }
}

function describeOther(error: ErrorObject): string {
  if (error.keyword === 'false schema') {
    return 'is not allowed';
  }
  return error.message ?? 'is not valid';
}

function describeUnknownKey(error: ErrorObject, key: string): ConfigProblem {
  const pointer = `${error.instancePath}/${escapePointerToken(key)}`;
  const properties = (error.parentSchema as { properties?: unknown } | undefined)?.properties;
  const known = typeof properties === 'object' && properties !== null
    ? Object.keys(properties)
    : [];
  const suggestion = suggestKey(key, known);
  const field = configField(pointer);
  if (suggestion !== undefined) {
    const suggested = `${error.instancePath}/${escapePointerToken(suggestion)}`;
    return {
      message: `unknown field ${field} (did you mean ${suggestion}?)`,
      pointer,
      describedPointer: suggested,
      isMisspelling: true,
      rank: 0,
    };
  }
  const allowed = known.length === 0 ? '' : ` (allowed: ${known.join(', ')})`;
  return {
    message: `unknown field ${field}${allowed}`,
    pointer,
    describedPointer: pointer,
    isMisspelling: false,
    rank: 0,
  };
}

/** A known key that extends what was typed, or is only a few edits away from it. */
function suggestKey(key: string, known: readonly string[]): string | undefined {
  if (known.length === 0) {
    return undefined;
  }
  const extended = known.find((name) => name.startsWith(key));
  if (extended !== undefined) {
    return extended;
  }
  const nearest = closest(key, [...known]);
  return distance(key, nearest) <= maxSuggestionDistance ? nearest : undefined;
}

function problem(
  pointer: string,
  complaint: string,
  options: { readonly rank?: number } = {},
): ConfigProblem {
  return {
    message: `${configField(pointer)} ${complaint}`,
    pointer,
    describedPointer: pointer,
    isMisspelling: false,
    rank: options.rank ?? 0,
  };
}

/** `/panels/0/title` → `spec.config.panels[0].title`. */
export function configField(pointer: string): string {
  return pointerToField(`/spec/config${pointer}`);
}

function typeArticle(type: string): string {
  const names: Record<string, string> = {
    object: 'a mapping',
    array: 'a list',
    integer: 'an integer',
    null: 'null',
  };
  return names[type] ?? `a ${type}`;
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
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return JSON.stringify(value);
  }
  return typeName(value);
}

function listValues(values: readonly unknown[]): string {
  const shown = values.slice(0, maxEnumValuesShown).map((value) => JSON.stringify(value));
  return values.length > maxEnumValuesShown ? `${shown.join(', ')}, …` : shown.join(', ');
}

function count(value: unknown): number | string {
  return Array.isArray(value) ? value.length : typeName(value);
}
