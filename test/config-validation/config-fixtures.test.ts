import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { formatError } from '../../src/errors.js';
import { readManifests } from '../../src/manifest/read-manifests.js';
import { validateConfig } from '../../src/manifest/validate-config.js';

const folder = fileURLToPath(new URL('./fixtures/', import.meta.url));
const schema = JSON.parse(readFileSync(`${folder}k8s-deployment.schema.json`, 'utf8')) as object;

/** file → its one error: `line:column`, message, field, and what the hint quotes. */
const expected: Record<string, {
  at: string;
  message: string;
  field: string;
  hint?: string;
  documentIndex?: number;
}> = {
  'nested-key-wrong-type.yaml': {
    at: '10:7', message: 'spec.config.datasource.uid must be a string, got a number',
    field: 'spec.config.datasource.uid', hint: 'Uid of the datasource in Grafana.',
  },
  'array-item-wrong-type.yaml': {
    at: '12:27', message: 'spec.config.panels[0].thresholds[1] must be a number, got a string',
    field: 'spec.config.panels[0].thresholds[1]',
  },
  'wrong-type.yaml': {
    at: '9:5', message: 'spec.config.replicas must be an integer, got a string',
    field: 'spec.config.replicas', hint: 'Pods expected to be ready.',
  },
  'missing-required.yaml': {
    at: '6:3', message: 'spec.config.deployment is required',
    field: 'spec.config.deployment', hint: 'Name of the Deployment to chart.',
  },
  'missing-required-in-list-item.yaml': {
    at: '12:9', message: 'spec.config.panels[1].query is required',
    field: 'spec.config.panels[1].query', hint: 'PromQL expression to plot.',
  },
  'unknown-key-misspelt.yaml': {
    at: '8:5', message: 'unknown field spec.config.deploymnt (did you mean deployment?)',
    field: 'spec.config.deploymnt', hint: 'Name of the Deployment to chart.',
  },
  'unknown-key-nested.yaml': {
    at: '11:7', message: 'unknown field spec.config.datasource.region (allowed: uid, type)',
    field: 'spec.config.datasource.region',
  },
  'enum-value.yaml': {
    at: '9:32',
    message: 'spec.config.datasource.type must be one of "prometheus", "mimir", got "influxdb"',
    field: 'spec.config.datasource.type', hint: 'Datasource plugin.',
  },
  'block-scalar-config.yaml': {
    at: '10:5', message: 'spec.config.replicas must be >= 1, got 0',
    field: 'spec.config.replicas', hint: 'Pods expected to be ready.',
  },
  'second-document-broken.yaml': {
    at: '15:5', message: 'spec.config.deployment must be a string, got a list',
    field: 'spec.config.deployment', documentIndex: 1,
  },
};

async function errorsIn(file: string) {
  const outcomes = await readManifests([file], { cwd: folder });
  return outcomes.map((outcome) => {
    if (outcome.status === 'failed') {
      throw new Error(`${file} is not a valid manifest: ${formatError(outcome.error)}`);
    }
    return validateConfig(outcome.manifest, schema, 'k8s-deployment');
  });
}

describe('config validation fixtures', () => {
  it('has a fixture for every expected error, and only those besides valid.yaml', () => {
    const fixtures = readdirSync(folder).filter((file) => file.endsWith('.yaml'));

    expect(fixtures.sort()).toEqual([...Object.keys(expected), 'valid.yaml'].sort());
  });

  it('accepts the valid manifest', async () => {
    expect(await errorsIn('valid.yaml')).toEqual([undefined]);
  });

  it.each(Object.entries(expected))('%s: one located CONFIG_INVALID', async (file, want) => {
    const errors = await errorsIn(file);

    const found = errors.filter((error) => error !== undefined);
    expect(found).toHaveLength(1);
    const [error] = found;
    expect(error?.code).toBe('CONFIG_INVALID');
    expect(error?.message).toBe(want.message);
    expect(`${error?.location?.line}:${error?.location?.column}`).toBe(want.at);
    expect(error?.location).toMatchObject({
      file,
      field: want.field,
      documentIndex: want.documentIndex ?? 0,
    });
    if (want.hint !== undefined) {
      expect(error?.hint).toContain(want.hint);
    }
  });
});
