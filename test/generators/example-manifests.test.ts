import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { renderProject } from '../../src/pipeline.js';
import { findDashboardProblems } from './dashboard-checks.js';

const root = join(import.meta.dirname, '..', '..');

describe('the example manifests in dashboards/', () => {
  it('all render into dashboards Grafana can import', async () => {
    const result = await renderProject({ cwd: root, patterns: ['dashboards'], write: false });

    expect(result.failures.map((failure) => failure.error.message)).toEqual([]);
    const problems = result.dashboards.flatMap((rendered) => findDashboardProblems(
      JSON.stringify(rendered.dashboard)).map((problem) => `${rendered.outputPath}: ${problem}`));
    expect(problems).toEqual([]);
    expect(result.dashboards.map((rendered) => rendered.outputPath).sort()).toEqual([
      'infra/node-exporter-host.json',
      'platform/payments-deployment.json',
      'platform/payments-service.json',
      'platform/search-deployment.json',
      'platform/search-service.json',
      'shop/checkout-deployment.json',
      'shop/checkout-service.json',
    ]);
  });
});
