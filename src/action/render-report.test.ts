import { describe, expect, it } from 'vitest';

import { DawgError } from '../errors.js';
import type { DashboardManifest } from '../manifest/manifest.js';
import type { RenderResult } from '../pipeline.js';
import { renderReportMarkdown } from './render-report.js';

function manifest(name: string, namespace: string | undefined): DashboardManifest {
  return {
    name,
    namespace,
    generator: 'file://g.wasm',
    config: '{}',
    configValue: {},
    folder: undefined,
    source: { file: `dashboards/${name}.yaml`, documentIndex: 0, line: 1, column: 1 },
    positions: new Map(),
  };
}

const result: RenderResult = {
  dashboards: [{
    manifest: manifest('checkout', 'shop'),
    uid: 'shop_checkout',
    title: 'Checkout | <b>live</b>',
    dashboard: {},
    generatorDigest: 'sha256:00',
    outputPath: 'shop/checkout.json',
  }],
  failures: [{
    source: { file: 'dashboards/cart.yaml', documentIndex: 1, line: 9, column: 1 },
    dashboard: undefined,
    error: new DawgError('MANIFEST_INVALID', 'spec.generator is missing', {
      location: { file: 'dashboards/cart.yaml', line: 12, column: 3 },
    }),
  }],
  writtenFiles: [],
  removedFiles: [],
  durationMs: 1234,
};

describe('renderReportMarkdown', () => {
  it('lists failures with file and line before the rendered dashboards', () => {
    const markdown = renderReportMarkdown(result);

    expect(markdown).toBe([
      '### DAWG render',
      '',
      'Rendered **1** dashboard in 1.2 s, **1 failed**.',
      '',
      '| Failed | Code | Error |',
      '| --- | --- | --- |',
      '| dashboards/cart.yaml (document 2) | `MANIFEST_INVALID` '
        + '| dashboards/cart.yaml:12:3: spec.generator is missing |',
      '',
      '<details><summary>1 rendered dashboard</summary>',
      '',
      '| Dashboard | UID | Title |',
      '| --- | --- | --- |',
      '| shop/checkout | `shop_checkout` | Checkout \\| &lt;b&gt;live&lt;/b&gt; |',
      '',
      '</details>',
      '',
    ].join('\n'));
  });

  it('says only how many rendered when nothing failed', () => {
    const markdown = renderReportMarkdown({ ...result, failures: [], dashboards: [] });

    expect(markdown).toBe('### DAWG render\n\nRendered **0** dashboards in 1.2 s.\n');
  });
});
