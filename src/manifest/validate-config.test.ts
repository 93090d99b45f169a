import { describe, expect, it } from 'vitest';

import { formatError } from '../errors.js';
import type { DashboardManifest } from './manifest.js';
import { parseManifests } from './parse-manifests.js';
import { validateConfig } from './validate-config.js';

const deploymentSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['namespace', 'deployment'],
  additionalProperties: false,
  properties: {
    namespace: { type: 'string', description: 'Namespace the deployment runs in.' },
    deployment: { type: 'string', description: 'Name of the Deployment to chart.' },
    replicas: { type: 'integer', minimum: 1, description: 'Pods expected to be ready.' },
    unit: { enum: ['s', 'ms'] },
    tags: { type: 'array', items: { type: 'string' }, maxItems: 3 },
    panels: {
      type: 'array',
      items: { $ref: '#/$defs/panel' },
    },
  },
  $defs: {
    panel: {
      type: 'object',
      required: ['title'],
      additionalProperties: false,
      properties: {
        title: { type: 'string', description: 'Shown above the panel.' },
        query: { type: 'string' },
      },
    },
  },
};

/** A manifest whose config lines follow a fixed four-line header (config: is on line 5). */
function manifestWithConfig(configLines: readonly string[], name = 'cfg'): DashboardManifest {
  const text = [
    'apiVersion: dawg.urcloud.cc/v1',
    'kind: Dashboard',
    `metadata: {name: ${name}}`,
    'spec:',
    ...configLines,
    '  generator: file://g.wasm',
  ].join('\n');
  const [outcome] = parseManifests(text, 'dashboards/cfg.yaml');
  if (outcome?.status !== 'parsed') {
    throw new Error(`test manifest does not parse: ${JSON.stringify(outcome)}`);
  }
  return outcome.manifest;
}

function check(configLines: readonly string[], schema: object = deploymentSchema) {
  return validateConfig(manifestWithConfig(configLines), schema, 'k8s-deployment');
}

describe('validateConfig', () => {
  it('accepts a config that matches the schema', () => {
    const error = check([
      '  config:',
      '    namespace: shop',
      '    deployment: checkout',
      '    panels: [{title: CPU}]',
    ]);

    expect(error).toBeUndefined();
  });

  it('names a wrong type, its file position and the key description', () => {
    const error = check([
      '  config:',
      '    namespace: shop',
      '    deployment: checkout',
      '    replicas: "three"',
    ]);

    expect(error?.code).toBe('CONFIG_INVALID');
    expect(error?.message).toBe('spec.config.replicas must be an integer, got a string');
    expect(error?.location).toMatchObject({
      file: 'dashboards/cfg.yaml', line: 8, column: 5, documentIndex: 0,
      field: 'spec.config.replicas',
    });
    expect(error?.hint).toContain('Pods expected to be ready.');
    expect(error?.hint).toContain('k8s-deployment');
  });

  it('points at the config key when a required key is missing', () => {
    const error = check(['  config:', '    namespace: shop']);

    expect(error?.message).toBe('spec.config.deployment is required');
    expect(error?.location).toMatchObject({ line: 5, column: 3 });
    expect(error?.hint).toContain('Name of the Deployment to chart.');
  });

  it('points at the list item that lacks a required key, through a $ref', () => {
    const error = check([
      '  config:',
      '    namespace: shop',
      '    deployment: checkout',
      '    panels:',
      '      - title: CPU',
      '      - query: up',
    ]);

    expect(error?.message).toBe('spec.config.panels[1].title is required');
    expect(error?.location).toMatchObject({ line: 10, column: 9 });
    expect(error?.hint).toContain('Shown above the panel.');
  });

  it('locates a wrong type nested inside a list item', () => {
    const error = check([
      '  config:',
      '    namespace: shop',
      '    deployment: checkout',
      '    panels:',
      '      - title: CPU',
      '      - title: 42',
    ]);

    expect(error?.message).toBe('spec.config.panels[1].title must be a string, got a number');
    expect(error?.location).toMatchObject({ line: 10, column: 9 });
  });

  it('locates a bad item of a flow list', () => {
    const error = check([
      '  config:',
      '    namespace: shop',
      '    deployment: checkout',
      '    tags: [web, 7]',
    ]);

    expect(error?.message).toBe('spec.config.tags[1] must be a string, got a number');
    expect(error?.location).toMatchObject({ line: 8, column: 17 });
  });

  it('says how many items a too-long list has', () => {
    const error = check([
      '  config:',
      '    namespace: shop',
      '    deployment: checkout',
      '    tags: [a, b, c, d]',
    ]);

    expect(error?.message).toBe('spec.config.tags must have at most 3 items, got 4');
  });

  it('suggests the known key closest to a misspelt one', () => {
    const error = check(['  config:', '    namespace: shop', '    deploymnt: checkout']);

    expect(error?.message)
      .toBe('unknown field spec.config.deploymnt (did you mean deployment?)');
    expect(error?.location).toMatchObject({ line: 7, column: 5, field: 'spec.config.deploymnt' });
    expect(error?.hint).toContain('Name of the Deployment to chart.');
  });

  it('lists the allowed keys when an unknown key is close to none of them', () => {
    const error = check([
      '  config:',
      '    namespace: shop',
      '    deployment: checkout',
      '    colour: blue',
    ]);

    expect(error?.message).toBe('unknown field spec.config.colour '
      + '(allowed: namespace, deployment, replicas, unit, tags, panels)');
  });

  it('reports unknown keys inside list items whose schema forbids them', () => {
    const error = check([
      '  config:',
      '    namespace: shop',
      '    deployment: checkout',
      '    panels:',
      '      - {title: CPU, qurey: up}',
    ]);

    expect(error?.message)
      .toBe('unknown field spec.config.panels[0].qurey (did you mean query?)');
    expect(error?.location).toMatchObject({ line: 9, column: 22 });
  });

  it('quotes the allowed values of an enum', () => {
    const error = check([
      '  config:',
      '    namespace: shop',
      '    deployment: checkout',
      '    unit: sec',
    ]);

    expect(error?.message).toBe('spec.config.unit must be one of "s", "ms", got "sec"');
  });

  it('states the bound a number misses', () => {
    const error = check([
      '  config:',
      '    namespace: shop',
      '    deployment: checkout',
      '    replicas: 0',
    ]);

    expect(error?.message).toBe('spec.config.replicas must be >= 1, got 0');
  });

  it('reports the first problem in the file and lists every problem in the detail', () => {
    const error = check([
      '  config:',
      '    deployment: 5',
      '    replicas: x',
    ]);

    expect(error?.location).toMatchObject({ line: 5, column: 3 });
    expect(error?.detail?.split('\n')).toEqual([
      '5:3: spec.config.namespace is required',
      '6:5: spec.config.deployment must be a string, got a number',
      '7:5: spec.config.replicas must be an integer, got a string',
    ]);
  });

  it('reads a block scalar config and points inside it', () => {
    const error = check([
      '  config: |',
      '    namespace: shop',
      '    deployment: checkout',
      '    panels:',
      '      - title: [oops]',
    ]);

    expect(error?.message).toBe('spec.config.panels[0].title must be a string, got a list');
    expect(error?.location).toMatchObject({ line: 9, column: 9 });
  });

  it('maps positions of a block scalar with an explicit indentation indicator', () => {
    const error = check([
      '  config: |4-',
      '        namespace: shop',
      '        deployment: checkout',
      '        replicas: many',
    ]);

    expect(error?.message).toBe('spec.config.replicas must be an integer, got a string');
    expect(error?.location).toMatchObject({ line: 8, column: 9 });
  });

  it('points at the config key for problems in a quoted string config', () => {
    const error = check(['  config: "{namespace: shop}"']);

    expect(error?.message).toBe('spec.config.deployment is required');
    expect(error?.location).toMatchObject({ line: 5, column: 3 });
  });

  it('skips a string config that is not a YAML mapping', () => {
    expect(check(['  config: |', '    just some text'])).toBeUndefined();
    expect(check(['  config: |', '    a: [unclosed'])).toBeUndefined();
  });

  it('checks a missing config as an empty mapping', () => {
    const error = check([]);

    expect(error?.message).toBe('spec.config.namespace is required');
    expect(error?.location).toMatchObject({ line: 4, column: 1 });
  });

  it('merges the type errors of anyOf branches into one message', () => {
    const schema = {
      type: 'object',
      properties: { threshold: { anyOf: [{ type: 'number' }, { type: 'string' }] } },
    };

    const error = check(['  config:', '    threshold: [1]'], schema);

    expect(error?.message).toBe('spec.config.threshold must be a number or a string, got a list');
  });

  it('reports keys that unevaluatedProperties forbids', () => {
    const schema = {
      type: 'object',
      allOf: [{ properties: { title: { type: 'string' } } }],
      unevaluatedProperties: false,
    };

    const error = check(['  config:', '    title: x', '    extra: 1'], schema);

    expect(error?.message).toBe('unknown field spec.config.extra');
    expect(error?.location).toMatchObject({ line: 7, column: 5 });
  });

  it('validates draft-07 schemas when their $schema says so', () => {
    const schema = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      definitions: { port: { type: 'integer', description: 'TCP port.' } },
      properties: { port: { $ref: '#/definitions/port' } },
    };

    const error = check(['  config:', '    port: http'], schema);

    expect(error?.message).toBe('spec.config.port must be an integer, got a string');
    expect(error?.hint).toContain('TCP port.');
  });

  it('blames the generator, not the manifest, for a schema that does not compile', () => {
    const error = check(['  config: {a: 1}'], { type: 'object', properties: { a: { type: 7 } } });

    expect(error?.code).toBe('GENERATOR_METADATA');
    expect(error?.message).toContain('k8s-deployment');
    expect(error?.location).toMatchObject({ field: 'spec.generator', line: 6, column: 3 });
  });

  it('refuses a schema written for a draft it cannot read', () => {
    const schema = { $schema: 'http://json-schema.org/draft-04/schema#', type: 'object' };

    const error = check(['  config: {a: 1}'], schema);

    expect(error?.code).toBe('GENERATOR_METADATA');
    expect(error?.message).toContain('draft-04');
  });

  it('reuses one compiled schema across manifests and still reports each one', () => {
    const schema = structuredClone(deploymentSchema);
    const first = validateConfig(manifestWithConfig(['  config: {namespace: a}'], 'one'),
      schema, 'k8s-deployment');
    const second = validateConfig(manifestWithConfig(['  config: {deployment: b}'], 'two'),
      structuredClone(schema), 'k8s-deployment');

    expect(first?.message).toBe('spec.config.deployment is required');
    expect(second?.message).toBe('spec.config.namespace is required');
  });

  it('formats as file:line:column with the field, for editors and CI logs', () => {
    const error = check(['  config:', '    namespace: shop', '    deployment: true']);

    expect(error).toBeDefined();
    expect(formatError(error!)).toMatch(
      /^dashboards\/cfg\.yaml:7:5: spec\.config\.deployment must be a string, got a boolean/,
    );
  });
});
