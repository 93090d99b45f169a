import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

import { formatConfigTemplate } from './config-template.js';

const schema = {
  type: 'object',
  required: ['namespace', 'deployment'],
  additionalProperties: false,
  properties: {
    replicas: {
      type: 'integer', minimum: 1, default: 2, description: 'Pods expected to be ready.',
    },
    namespace: { type: 'string', description: 'Namespace the deployment runs in.' },
    deployment: { type: 'string', description: 'Name of the Deployment to chart.' },
    unit: { enum: ['s', 'ms'] },
    panels: { type: 'array', items: { $ref: '#/$defs/panel' } },
  },
  $defs: {
    panel: {
      type: 'object',
      required: ['title'],
      properties: {
        title: { type: 'string', description: 'Shown above the panel.' },
        query: { type: 'string' },
      },
    },
  },
};

describe('formatConfigTemplate', () => {
  it('writes required keys first, each under its description and facts', () => {
    const template = formatConfigTemplate(schema, {
      exampleConfig: { panels: [{ title: 'CPU', query: 'up' }], deployment: 'checkout',
        namespace: 'shop' },
    });

    expect(template).toBe([
      '# Namespace the deployment runs in.',
      '# required, string',
      'namespace: shop',
      '# Name of the Deployment to chart.',
      '# required, string',
      'deployment: checkout',
      '# optional, list',
      'panels:',
      '  # Shown above the panel.',
      '  # required, string',
      '  - title: CPU',
      '    # optional, string',
      '    query: up',
      '# Pods expected to be ready.',
      '# optional, integer, at least 1, default 2',
      'replicas: 2',
      '# also accepted: unit',
      '',
    ].join('\n'));
  });

  it('fills required keys the example lacks from default, enum, or an empty value', () => {
    const withEnum = {
      type: 'object',
      required: ['mode', 'name', 'count', 'size'],
      properties: {
        mode: { enum: ['fast', 'safe'] },
        name: { type: 'string' },
        count: { type: 'integer', minimum: 3 },
        size: { type: 'string', default: 'large', examples: ['small'] },
      },
    };

    expect(parse(formatConfigTemplate(withEnum)))
      .toEqual({ mode: 'fast', name: '', count: 3, size: 'large' });
  });

  it('leaves out optional keys without a default rather than invent a value', () => {
    const template = formatConfigTemplate(schema);

    expect(parse(template)).toEqual({ namespace: '', deployment: '', replicas: 2 });
    expect(template).toContain('# also accepted: unit, panels');
  });

  it('keeps example keys that the schema does not describe', () => {
    const open = { type: 'object', properties: { a: { type: 'string' } } };

    expect(parse(formatConfigTemplate(open, { exampleConfig: { b: 1, a: 'x' } })))
      .toEqual({ b: 1, a: 'x' });
  });

  it('builds a required nested mapping from its own schema', () => {
    const nested = {
      type: 'object',
      required: ['datasource'],
      properties: {
        datasource: {
          type: 'object',
          required: ['uid'],
          properties: { uid: { type: 'string', default: 'prometheus' } },
        },
      },
    };

    expect(parse(formatConfigTemplate(nested))).toEqual({ datasource: { uid: 'prometheus' } });
  });

  it('reads properties and required keys from allOf branches', () => {
    const combined = {
      allOf: [
        { type: 'object', required: ['a'], properties: { a: { const: 'fixed' } } },
        { properties: { b: { type: 'boolean', description: 'Second part.' } } },
      ],
    };

    const template = formatConfigTemplate(combined);

    expect(parse(template)).toEqual({ a: 'fixed' });
    expect(template).toContain('# also accepted: b');
  });

  it('gives the example config as it is when there is no schema', () => {
    expect(formatConfigTemplate(undefined, { exampleConfig: { service: 'cart' } }))
      .toBe('service: cart\n');
  });

  it('gives an empty mapping when there is neither schema nor example', () => {
    expect(formatConfigTemplate(undefined)).toBe('{}\n');
  });
});
