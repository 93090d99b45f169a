import { describe, expect, it } from 'vitest';

import { parseManifests } from '../manifest/parse-manifests.js';
import { validateConfig } from '../manifest/validate-config.js';
import { formatDashboardManifest } from './dashboard-manifest.js';

const configSchema = {
  type: 'object',
  required: ['service'],
  additionalProperties: false,
  properties: {
    service: { type: 'string', description: 'The service to chart.' },
    window: { type: 'string', default: '5m' },
  },
};

describe('formatDashboardManifest', () => {
  it('writes a manifest whose config is the example, valid against the schema', () => {
    const text = formatDashboardManifest({
      name: 'checkout',
      namespace: 'shop',
      generator: 'oci://127.0.0.1:5000/http:1.0.0',
      configSchema,
      exampleConfig: { service: 'checkout' },
      comments: ['made by a test'],
    });

    const [outcome] = parseManifests(text, 'checkout.yaml');
    expect(outcome?.status).toBe('parsed');
    const manifest = outcome?.status === 'parsed' ? outcome.manifest : undefined;
    expect(manifest).toMatchObject({
      name: 'checkout',
      namespace: 'shop',
      generator: 'oci://127.0.0.1:5000/http:1.0.0',
      configValue: { service: 'checkout', window: '5m' },
    });
    expect(validateConfig(manifest!, configSchema, 'http')).toBeUndefined();
  });

  it('puts each config key under its description', () => {
    const text = formatDashboardManifest({
      name: 'a', generator: 'file://a.wasm', configSchema, exampleConfig: { service: 'a' },
    });

    expect(text).toContain([
      '  config:',
      '    # The service to chart.',
      '    # required, string',
      '    service: a',
    ].join('\n'));
  });

  it('writes an empty config for a generator that describes none', () => {
    const text = formatDashboardManifest({ name: 'bare', generator: 'file://bare.wasm' });

    expect(text.endsWith('spec:\n  generator: file://bare.wasm\n  config: {}\n')).toBe(true);
  });
});
