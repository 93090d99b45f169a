import { describe, expect, it } from 'vitest';

import { parseManifests } from './parse-manifests.js';

const header = 'apiVersion: dawg.urcloud.cc/v1\nkind: Dashboard\n';

describe('parseManifests', () => {
  it('keeps Dashboard documents and skips documents of other kinds', () => {
    const text = `kind: ConfigMap\nmetadata: {name: x}\n---\n${header}`
      + 'metadata: {name: shop}\nspec: {generator: file://g.wasm}\n';

    const outcomes = parseManifests(text, 'm.yaml');

    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({
      status: 'parsed',
      manifest: { name: 'shop', source: { file: 'm.yaml', documentIndex: 1, line: 4 } },
    });
  });

  it("skips Grafana's own Dashboard resources instead of refusing them", () => {
    const text = 'apiVersion: dashboard.grafana.app/v1beta1\nkind: Dashboard\n'
      + 'metadata: {name: x}\n';

    expect(parseManifests(text, 'grafana.yaml')).toEqual([]);
  });

  it('hands a mapping config to the generator as compact JSON', () => {
    const text = `${header}metadata: {name: a}\nspec:\n  generator: file://g.wasm\n`
      + '  config:\n    namespace: shop\n    replicas: 3\n';

    const [outcome] = parseManifests(text, 'm.yaml');

    expect(outcome).toMatchObject({
      status: 'parsed',
      manifest: { config: '{"namespace":"shop","replicas":3}', configValue: { replicas: 3 } },
    });
  });

  it('hands a block-scalar config over verbatim, as the original prototype did', () => {
    const text = `${header}metadata: {name: a}\nspec:\n  generator: file://g.wasm\n`
      + '  config: |\n    namespace: foo\n    name: super-deployment\n';

    const [outcome] = parseManifests(text, 'm.yaml');

    expect(outcome).toMatchObject({
      status: 'parsed',
      manifest: { config: 'namespace: foo\nname: super-deployment\n', configValue: undefined },
    });
  });

  it('gives an empty mapping when the manifest has no config', () => {
    const text = `${header}metadata: {name: a}\nspec: {generator: file://g.wasm}\n`;

    expect(parseManifests(text, 'm.yaml')[0]).toMatchObject({ manifest: { config: '{}' } });
  });

  it('records where each config key is written so later errors can point at it', () => {
    const text = `${header}metadata: {name: a}\nspec:\n  generator: file://g.wasm\n`
      + '  config:\n    panels:\n      - title: CPU\n';

    const [outcome] = parseManifests(text, 'm.yaml');

    expect(outcome?.status).toBe('parsed');
    const positions = outcome?.status === 'parsed' ? outcome.manifest.positions : new Map();
    expect(positions.get('/spec/config/panels')).toEqual({ line: 7, column: 5 });
    expect(positions.get('/spec/config/panels/0/title')).toEqual({ line: 8, column: 9 });
  });

  it('ignores a YAML syntax error in a file that does not mention DAWG', () => {
    expect(parseManifests('a: {b', 'helm/template.yaml')).toEqual([]);
  });

  it('reports a YAML syntax error in a file the user named', () => {
    const outcomes = parseManifests('a: {b', 'named.yaml', { reportForeignSyntaxErrors: true });

    expect(outcomes[0]).toMatchObject({ status: 'failed', error: { code: 'MANIFEST_PARSE' } });
  });
});
