import type { SchemaNode } from './schema-node.js';

/** Enum values listed in a comment; longer lists end with "…". */
const maxValuesShown = 10;

/**
 * The comment lines that explain one config key in a template: its description, then
 * `required` or `optional`, its type, its default and its allowed values.
 */
export function describeSchemaFacts(schema: SchemaNode, isRequired: boolean): string[] {
  const description = typeof schema['description'] === 'string'
    ? schema['description'].trim().split('\n').map((line) => line.trimEnd())
    : [];
  const facts = [isRequired ? 'required' : 'optional'];

  const type = typeText(schema['type']);
  if (type !== undefined) {
    facts.push(type);
  }
  if (typeof schema['minimum'] === 'number') {
    facts.push(`at least ${schema['minimum']}`);
  }
  if (typeof schema['maximum'] === 'number') {
    facts.push(`at most ${schema['maximum']}`);
  }
  if (schema['default'] !== undefined) {
    facts.push(`default ${JSON.stringify(schema['default'])}`);
  }
  if (Array.isArray(schema['enum'])) {
    facts.push(`one of ${listValues(schema['enum'])}`);
  }

  return [...description, facts.join(', ')];
}

function typeText(type: unknown): string | undefined {
  const names: Record<string, string> = { object: 'mapping', array: 'list' };
  const types = Array.isArray(type) ? type : [type];
  const known = types.filter((item): item is string => typeof item === 'string');
  return known.length === 0 ? undefined : known.map((item) => names[item] ?? item).join(' or ');
}

function listValues(values: readonly unknown[]): string {
  const shown = values.slice(0, maxValuesShown).map((value) => JSON.stringify(value));
  return values.length > maxValuesShown ? `${shown.join(', ')}, …` : shown.join(', ');
}
