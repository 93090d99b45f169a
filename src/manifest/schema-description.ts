/** A JSON Schema as written by a generator's author: any object, read defensively. */
type SchemaNode = Readonly<Record<string, unknown>>;

/** Deepest `$ref` chain followed: real schemas need a few; a cycle must not loop forever. */
const maxReferenceDepth = 16;

/**
 * The `description` the schema gives for the value at `pointer` (a JSON pointer into the
 * instance, e.g. `/panels/0/title`), or undefined. Follows `properties`, `items`,
 * `prefixItems`, `additionalProperties`, local `$ref`s (`#/$defs/…`, `#/definitions/…`)
 * and the branches of `allOf`, `anyOf` and `oneOf`; the first description found wins.
 */
export function findSchemaDescription(root: object, pointer: string): string | undefined {
  const tokens = pointer.split('/').slice(1).map(unescapeToken);
  let candidates = expand(root as SchemaNode, [root as SchemaNode]);

  for (const token of tokens) {
    candidates = candidates
      .flatMap((schema) => childSchemas(schema, token))
      .flatMap((schema) => expand(root as SchemaNode, [schema]));
    if (candidates.length === 0) {
      return undefined;
    }
  }

  if (tokens.length === 0) {
    return undefined;
  }
  for (const schema of candidates) {
    if (typeof schema['description'] === 'string') {
      return schema['description'];
    }
  }
  return undefined;
}

/** The schema itself, then what its `$ref` and combinators lead to, in that order. */
function expand(root: SchemaNode, schemas: readonly SchemaNode[], depth = 0): SchemaNode[] {
  if (depth > maxReferenceDepth) {
    return [...schemas];
  }
  const result: SchemaNode[] = [];
  for (const schema of schemas) {
    result.push(schema);
    const next: SchemaNode[] = [];
    const target = resolveReference(root, schema['$ref']);
    if (target !== undefined) {
      next.push(target);
    }
    for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
      next.push(...schemaList(schema[keyword]));
    }
    result.push(...expand(root, next, depth + 1));
  }
  return result;
}

function childSchemas(schema: SchemaNode, token: string): SchemaNode[] {
  const property = asSchema(asSchema(schema['properties'])?.[token]);
  if (property !== undefined) {
    return [property];
  }
  if (/^\d+$/.test(token)) {
    const index = Number(token);
    const positional = schemaList(schema['prefixItems'])[index]
      ?? schemaList(schema['items'])[index];
    const items = asSchema(schema['items']);
    return [positional ?? items].filter((item) => item !== undefined);
  }
  const additional = asSchema(schema['additionalProperties']);
  return additional === undefined ? [] : [additional];
}

function resolveReference(root: SchemaNode, reference: unknown): SchemaNode | undefined {
  if (typeof reference !== 'string' || !reference.startsWith('#')) {
    return undefined;
  }
  let node: unknown = root;
  for (const token of reference.slice(1).split('/').slice(1).map(unescapeToken)) {
    node = asSchema(node)?.[token];
  }
  return asSchema(node);
}

function schemaList(value: unknown): SchemaNode[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.map(asSchema).filter((item) => item !== undefined);
}

function asSchema(value: unknown): SchemaNode | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as SchemaNode)
    : undefined;
}

function unescapeToken(token: string): string {
  return token.replaceAll('~1', '/').replaceAll('~0', '~');
}
