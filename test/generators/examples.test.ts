import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';

import { readGeneratorMetadata } from '../../src/generator/metadata.js';
import type { PreparedGenerator } from '../../src/runtime/prepare-generator.js';
import type { RunOutcome } from '../../src/runtime/run-outcome.js';
import {
  prepareBuiltGenerator,
  readBuiltGenerator,
  readGeneratorJson,
  runOnConfig,
} from './built-generator.js';
import { findDashboardProblems } from './dashboard-checks.js';

interface Example {
  readonly name: string;
  /** Configs that must render, as DAWG hands them over: JSON, or a YAML string as written. */
  readonly configs: Readonly<Record<string, string>>;
  /** Bad configs and a piece of the message each must fail with. */
  readonly badConfigs: ReadonlyArray<readonly [config: string, message: string]>;
}

const examples: readonly Example[] = [
  {
    name: 'c-legacy-reactor',
    configs: {
      'JSON': '{"instance":"node-1:9100","job":"node"}',
      'JSON with escapes': '{"instance":"a\\"b\\u00e9 \\ud83d\\ude00","datasource":"prom"}',
      'a YAML string': '# the host\ninstance: node-1:9100 # exporter\njob: "node"\n',
    },
    badConfigs: [
      ['job: node\n', 'config.instance is required'],
      ['{"instance":"a","zone":"b"}', 'config.zone is not a known field'],
      ['{"instance":1}', 'config.instance must be a string'],
      ['instance: a\n  job: b\n', 'config line 2: nested values are not supported'],
      ['instance: a\ninstance: b\n', 'config.instance appears twice'],
      ['{"instance":"a",', 'config is not valid JSON'],
    ],
  },
  {
    name: 'k8s-deployment',
    configs: {
      'JSON': '{"namespace":"shop","deployment":"checkout"}',
      'JSON with cluster and datasource':
        '{"namespace":"shop","deployment":"api.v2","cluster":"eu-1","datasource":"prom"}',
      'a YAML string': 'namespace: shop\ndeployment: checkout # the API\ncluster: "eu-1"\n',
    },
    badConfigs: [
      ['{"namespace":"shop"}', 'config.deployment is required'],
      ['namespace: shop\ndeployment: 42\n', 'config.deployment must be a string, not a number'],
      ['{"namespace":"Shop","deployment":"x"}', 'config.namespace must be a DNS-1123 label'],
      ['{"namespace":"a","deployment":"b","replicas":2}', 'config.replicas is not a known field'],
      ['namespace: shop\n  deployment: x\n', 'config line 2: unexpected indentation'],
      ['{"namespace":"shop",', 'config is not valid JSON'],
    ],
  },
  {
    name: 'service-red',
    configs: {
      'JSON': '{"service":"checkout"}',
      'JSON with an SLO': JSON.stringify({
        service: 'checkout',
        selector: { app: 'checkout', env: 'prod' },
        quantiles: [0.5, 0.99, 0.999],
        slo: { availability: 0.999, latencyBucket: '0.25', latencyTarget: 0.95 },
      }),
      'a YAML string': [
        'service: checkout',
        'job: shop/checkout',
        'quantiles: [0.5, 0.95]',
        'slo:',
        '  availability: 0.995',
        '  latencyBucket: "0.3"',
        '',
      ].join('\n'),
    },
    badConfigs: [
      ['{}', 'config.service is required'],
      ['{"service":"a","quantiles":[0.5,1.5]}', 'config.quantiles[1] must be between 0 and 1'],
      ['{"service":"a","slo":{"latencyBucket":"0.3"}}', 'config.slo.availability is required'],
      ['{"service":"a","slo":{"availability":99.9}}', 'config.slo.availability must be between'],
      ['{"service":"a","selector":{"bad-label":"x"}}', 'config.selector.bad-label is not a'],
      ['{"service":"a","requestsMetric":"http requests"}', 'config.requestsMetric must be a'],
      ['service: a\nquantiles:\n  - - 0.5\n', 'only lists of plain values are supported'],
    ],
  },
];

function expectSucceeded(outcome: RunOutcome): string {
  if (outcome.status === 'failed') {
    throw new Error(`the generator failed: ${outcome.error.message}`);
  }
  return outcome.output;
}

describe.each(examples)('the $name example generator', (example) => {
  let generator: PreparedGenerator;

  beforeAll(async () => {
    generator = await prepareBuiltGenerator(example.name);
  });

  const configs = Object.entries(example.configs);
  it.each(configs)('renders an importable dashboard from %s', (_, config) => {
    const output = expectSucceeded(runOnConfig(generator, config));

    expect(findDashboardProblems(output)).toEqual([]);
  });

  it('renders the same bytes from the same config', () => {
    const config = Object.values(example.configs)[0]!;

    const first = expectSucceeded(runOnConfig(generator, config));
    const second = expectSucceeded(runOnConfig(generator, config));

    expect(second).toBe(first);
  });

  it('reads a config string in YAML as it reads the same config in JSON', () => {
    const yaml = runOnConfig(generator, example.configs['a YAML string']!);
    const json = runOnConfig(generator, JSON.stringify(yamlExampleAsObject(example.name)));

    expect(expectSucceeded(yaml)).toBe(expectSucceeded(json));
  });

  it.each(example.badConfigs)('fails on %j naming the problem', (config, message) => {
    const outcome = runOnConfig(generator, config);

    if (outcome.status !== 'failed') {
      throw new Error('the generator accepted a bad config');
    }
    expect(outcome.error.code).toBe('RUN_FAILED');
    expect(outcome.error.message).toContain(message);
    if (generator.convention === 'command') {
      expect(outcome.stderr.trimEnd().split('\n')).toEqual([expect.stringContaining(message)]);
    }
  });

  it('carries its generator.json in the dawg.generator section', () => {
    const metadata = readGeneratorMetadata(readBuiltGenerator(example.name));

    expect(metadata).toEqual(readGeneratorJson(example.name));
  });

  it('renders its example config, which its config schema accepts', () => {
    const metadata = readGeneratorJson(example.name);
    const validate = new Ajv2020({ strict: true, allErrors: true })
      .compile(metadata['configSchema'] as object);

    expect(validate(metadata['exampleConfig']), JSON.stringify(validate.errors)).toBe(true);
    const output = runOnConfig(generator, JSON.stringify(metadata['exampleConfig']));
    expect(findDashboardProblems(expectSucceeded(output))).toEqual([]);
  });

  it('describes every config property in its schema', () => {
    const schema = readGeneratorJson(example.name)['configSchema'];

    expect(findUndescribedProperties(schema, 'config')).toEqual([]);
  });
});

/** The YAML example configs above, written as the objects they stand for. */
function yamlExampleAsObject(name: string): object {
  if (name === 'c-legacy-reactor') {
    return { instance: 'node-1:9100', job: 'node' };
  }
  return name === 'k8s-deployment'
    ? { namespace: 'shop', deployment: 'checkout', cluster: 'eu-1' }
    : {
      service: 'checkout',
      job: 'shop/checkout',
      quantiles: [0.5, 0.95],
      slo: { availability: 0.995, latencyBucket: '0.3' },
    };
}

function findUndescribedProperties(schema: unknown, path: string): string[] {
  if (typeof schema !== 'object' || schema === null) {
    return [];
  }
  const properties = (schema as { properties?: Record<string, unknown> }).properties ?? {};
  const missing: string[] = [];
  for (const [key, property] of Object.entries(properties)) {
    const description = (property as { description?: unknown }).description;
    if (typeof description !== 'string' || description.trim() === '') {
      missing.push(`${path}.${key}`);
    }
    missing.push(...findUndescribedProperties(property, `${path}.${key}`));
  }
  return missing;
}
