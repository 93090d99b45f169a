/**
 * Reading a generator's JSON Schema as plain data, for templates: the schema is third-party
 * input, so every keyword is checked before use.
 */

/** One schema object, as the generator's author wrote it. */
export type SchemaNode = Readonly<Record<string, unknown>>;

/** Deepest `$ref` or `allOf` nesting followed: real schemas need a few; cycles must end. */
const maxDepth = 16;

/** The value as a schema object, or undefined when it is not one (`true`, a list, a string). */
export function asSchema(value: unknown): SchemaNode | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as SchemaNode)
    : undefined;
}

/**
 * Follows a local `$ref` (`#/$defs/…`, `#/definitions/…`) to what it names, keeping the
 * keywords written beside it (draft 2020-12 allows a `description` next to a `$ref`).
 */
export function resolveSchema(root: SchemaNode, schema: SchemaNode, depth = 0): SchemaNode {
  const reference = schema['$ref'];
  if (typeof reference !== 'string' || depth > maxDepth) {
    return schema;
  }
  const target = followPointer(root, reference);
  if (target === undefined) {
    return schema;
  }
  const beside = Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$ref'));
  return { ...resolveSchema(root, target, depth + 1), ...beside };
}

/** `properties` of the schema and of its `allOf` branches, resolved. */
export function propertiesOf(root: SchemaNode, schema: SchemaNode): Record<string, SchemaNode> {
  const result: Record<string, SchemaNode> = {};
  for (const part of allOfParts(root, schema, 0)) {
    const properties = asSchema(part['properties']) ?? {};
    for (const [key, value] of Object.entries(properties)) {
      const property = asSchema(value);
      if (property !== undefined && result[key] === undefined) {
        result[key] = property;
      }
    }
  }
  return result;
}

/** `required` of the schema and of its `allOf` branches. */
export function requiredOf(root: SchemaNode, schema: SchemaNode): ReadonlySet<string> {
  const result = new Set<string>();
  for (const part of allOfParts(root, schema, 0)) {
    const required = part['required'];
    if (Array.isArray(required)) {
      for (const key of required) {
        if (typeof key === 'string') {
          result.add(key);
        }
      }
    }
  }
  return result;
}

function allOfParts(root: SchemaNode, schema: SchemaNode, depth: number): SchemaNode[] {
  const resolved = resolveSchema(root, schema);
  const branches = Array.isArray(resolved['allOf']) ? resolved['allOf'] : [];
  if (depth > maxDepth) {
    return [resolved];
  }
  return [
    resolved,
    ...branches
      .map(asSchema)
      .filter((branch) => branch !== undefined)
      .flatMap((branch) => allOfParts(root, branch, depth + 1)),
  ];
}

function followPointer(root: SchemaNode, reference: string): SchemaNode | undefined {
  if (!reference.startsWith('#')) {
    return undefined;
  }
  let node: unknown = root;
  for (const token of reference.slice(1).split('/').slice(1)) {
    node = asSchema(node)?.[token.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  return asSchema(node);
}
