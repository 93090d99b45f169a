import { Document, isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';

import { describeSchemaFacts } from './schema-facts.js';
import {
  asSchema,
  propertiesOf,
  requiredOf,
  resolveSchema,
  type SchemaNode,
} from './schema-node.js';

export interface ConfigTemplateOptions {
  /** The generator's example config; its values win over anything the schema suggests. */
  readonly exampleConfig?: unknown;
}

/**
 * Writes a YAML config to start from: the example config's keys and values, every required
 * key (its value from the example, else the schema's `default`, `examples`, `const` or first
 * `enum` value, else an empty value of its type), then optional keys that have a default. Each
 * key carries its description and facts (required, type, default, allowed values) as comments;
 * optional keys left out are listed in a comment at the end of their mapping. Without a
 * schema, the example config alone; without either, `{}`.
 */
export function formatConfigTemplate(
  schema: object | undefined,
  options: ConfigTemplateOptions = {},
): string {
  const root = asSchema(schema) ?? {};
  const isEmpty = options.exampleConfig === undefined && !isObjectSchema(root, root);
  const value = isEmpty
    ? {}
    : templateValue(root, root, options.exampleConfig, { isRequired: true });

  const document = new Document(value);
  annotate(root, root, document.contents);
  return document.toString({ lineWidth: 0 });
}

function templateValue(
  root: SchemaNode,
  schema: SchemaNode,
  example: unknown,
  options: { readonly isRequired: boolean },
): unknown {
  const resolved = resolveSchema(root, schema);
  if (isMapping(example) || (example === undefined && isObjectSchema(root, resolved))) {
    return mappingValue(root, resolved, isMapping(example) ? example : undefined, options);
  }
  if (Array.isArray(example)) {
    const items = asSchema(resolved['items']) ?? {};
    return example.map((item) => templateValue(root, items, item, { isRequired: true }));
  }
  if (example !== undefined) {
    return example;
  }
  if (!options.isRequired) {
    return resolved['default'];
  }
  return suggestedValue(resolved) ?? emptyValue(resolved);
}

function mappingValue(
  root: SchemaNode,
  schema: SchemaNode,
  example: Readonly<Record<string, unknown>> | undefined,
  options: { readonly isRequired: boolean },
): Record<string, unknown> | undefined {
  if (example === undefined && !options.isRequired) {
    return asMapping(schema['default']);
  }
  const suggested = asMapping(suggestedValue(schema));
  if (example === undefined && suggested !== undefined) {
    return suggested;
  }

  const properties = propertiesOf(root, schema);
  const required = requiredOf(root, schema);
  const keys = orderKeys(Object.keys(properties), required, Object.keys(example ?? {}));
  const result: Record<string, unknown> = {};
  for (const key of keys) {
    const child = templateValue(root, properties[key] ?? {}, example?.[key], {
      isRequired: required.has(key),
    });
    if (child !== undefined) {
      result[key] = child;
    }
  }
  return result;
}

/** Required keys first, then the example's other keys, then the schema's other keys. */
function orderKeys(
  known: readonly string[],
  required: ReadonlySet<string>,
  inExample: readonly string[],
): string[] {
  const ordered = [
    ...known.filter((key) => required.has(key)),
    ...[...required].filter((key) => !known.includes(key)),
    ...inExample,
    ...known,
  ];
  return [...new Set(ordered)];
}

function suggestedValue(schema: SchemaNode): unknown {
  if (schema['default'] !== undefined) {
    return schema['default'];
  }
  const examples = schema['examples'];
  if (Array.isArray(examples) && examples.length > 0) {
    return examples[0];
  }
  if (schema['const'] !== undefined) {
    return schema['const'];
  }
  const allowed = schema['enum'];
  return Array.isArray(allowed) && allowed.length > 0 ? allowed[0] : undefined;
}

function emptyValue(schema: SchemaNode): unknown {
  const type = Array.isArray(schema['type']) ? schema['type'][0] : schema['type'];
  switch (type) {
    case 'integer':
    case 'number':
      return typeof schema['minimum'] === 'number' ? schema['minimum'] : 0;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object':
      return {};
    case 'null':
      return null;
    default:
      return '';
  }
}

/** Puts each key's description and facts above it, walking the YAML beside the schema. */
function annotate(root: SchemaNode, schema: SchemaNode, node: unknown): void {
  const resolved = resolveSchema(root, schema);
  if (isSeq(node)) {
    annotate(root, asSchema(resolved['items']) ?? {}, node.items[0]);
    hoistFirstComment(node.items[0]);
    return;
  }
  if (!isMap(node)) {
    return;
  }

  const properties = propertiesOf(root, resolved);
  const required = requiredOf(root, resolved);
  const present = new Set<string>();
  for (const pair of node.items as Pair<Node, Node>[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const property = properties[key];
    present.add(key);
    if (property === undefined || !isScalar(pair.key)) {
      continue;
    }
    const lines = describeSchemaFacts(resolveSchema(root, property), required.has(key));
    pair.key.commentBefore = lines.map((line) => ` ${line}`).join('\n');
    annotate(root, property, pair.value);
  }

  const missing = Object.keys(properties).filter((key) => !present.has(key));
  if (missing.length > 0) {
    node.comment = ` also accepted: ${missing.join(', ')}`;
  }
}

/**
 * A comment on the first key of a list item would print as `- # comment`; above the dash it
 * reads better.
 */
function hoistFirstComment(item: unknown): void {
  if (!isMap(item)) {
    return;
  }
  const first = (item.items as Pair<Node, Node>[])[0];
  if (first !== undefined && isScalar(first.key) && first.key.commentBefore !== undefined) {
    item.commentBefore = first.key.commentBefore;
    first.key.commentBefore = undefined;
  }
}

function isObjectSchema(root: SchemaNode, schema: SchemaNode): boolean {
  return schema['type'] === 'object' || Object.keys(propertiesOf(root, schema)).length > 0;
}

function isMapping(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asMapping(value: unknown): Record<string, unknown> | undefined {
  return isMapping(value) ? { ...value } : undefined;
}
