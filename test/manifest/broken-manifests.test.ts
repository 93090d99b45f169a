import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { formatError } from '../../src/errors.js';
import { readManifests } from '../../src/manifest/read-manifests.js';

const folder = fileURLToPath(new URL('../fixtures/manifests/broken/', import.meta.url));

/** file → the one error it must give, as `line:column: message`, and the field named. */
const expected: Record<string, { at: string; message: string; field?: string; hint?: RegExp }> = {
  'config-is-a-list.yaml': {
    at: '7:3', message: 'spec.config must be a mapping or a string, got a list', field: 'spec.config',
  },
  'empty-folder.yaml': { at: '7:3', message: 'spec.folder must not be empty', field: 'spec.folder' },
  'generator-http-scheme.yaml': {
    at: '6:3',
    message: 'spec.generator "https://example.invalid/gen.wasm" does not have the required form',
    field: 'spec.generator',
    hint: /file:\/\/.*oci:\/\//,
  },
  'meta-instead-of-metadata.yaml': {
    at: '3:1', message: 'unknown field meta (allowed: apiVersion, kind, metadata, spec)',
    field: 'meta', hint: /did you mean metadata\?/,
  },
  'missing-generator.yaml': {
    at: '5:1', message: 'spec.generator is required', field: 'spec.generator',
  },
  'missing-spec.yaml': { at: '1:1', message: 'spec is required', field: 'spec' },
  'misspelt-spec-field.yaml': {
    at: '6:3', message: 'unknown field spec.generater (allowed: generator, config, folder)',
    field: 'spec.generater', hint: /did you mean generator\?/,
  },
  'name-is-a-number.yaml': {
    at: '4:3', message: 'metadata.name must be a string, got a number', field: 'metadata.name',
  },
  'name-not-dns-label.yaml': {
    at: '4:3', message: 'metadata.name "Checkout_Overview" does not have the required form',
    field: 'metadata.name', hint: /DNS-1123/,
  },
  'namespace-uppercase.yaml': {
    at: '5:3', message: 'metadata.namespace "Shop" does not have the required form',
    field: 'metadata.namespace',
  },
  'other-api-version.yaml': {
    at: '1:1', message: 'kind Dashboard with apiVersion "dawg.urcloud.cc/v2" is not supported',
    field: 'apiVersion',
  },
  'two-documents-one-broken.yaml': {
    at: '14:3', message: 'unknown field metadata.namespce (allowed: name, namespace, labels, annotations)',
    field: 'metadata.namespce', hint: /did you mean namespace\?/,
  },
  'yaml-syntax-error.yaml': {
    at: '8:1', message: 'YAML syntax error: Flow map in block collection must be sufficiently indented and end with a }',
  },
};

describe('broken manifests', () => {
  it('has a fixture for every expected error and at least ten of them', () => {
    const files = readdirSync(folder).sort();

    expect(files).toEqual(Object.keys(expected).sort());
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  for (const [file, want] of Object.entries(expected)) {
    it(`gives one located error for ${file}`, async () => {
      const outcomes = await readManifests([file], { cwd: folder, reportForeignSyntaxErrors: true });

      const failures = outcomes.flatMap((outcome) => (outcome.status === 'failed' ? [outcome] : []));
      expect(failures).toHaveLength(1);
      const error = failures[0]!.error;
      expect(formatError(error).startsWith(`${file}:${want.at}: ${want.message}`)).toBe(true);
      expect(error.location?.field).toBe(want.field);
      if (want.hint !== undefined) {
        expect(error.hint).toMatch(want.hint);
      }
    });
  }

  it('still reads the valid document beside a broken one in the same file', async () => {
    const outcomes = await readManifests(['two-documents-one-broken.yaml'], { cwd: folder });

    const parsed = outcomes.flatMap((outcome) => (outcome.status === 'parsed' ? [outcome] : []));
    expect(parsed.map((outcome) => outcome.manifest.name)).toEqual(['good-neighbour']);
    expect(parsed[0]!.manifest.config).toBe('{"service":"cart"}');
  });
});
