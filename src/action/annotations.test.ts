import { describe, expect, it } from 'vitest';

import { DawgError } from '../errors.js';
import { toAnnotations } from './annotations.js';

describe('toAnnotations', () => {
  it('points at the file, line and column relative to the repository root', () => {
    const error = new DawgError('MANIFEST_INVALID', 'spec.generator is missing', {
      hint: 'add spec.generator',
      location: { file: 'dashboards/shop.yaml', line: 7, column: 3 },
    });

    const [annotation] = toAnnotations([{ dashboard: 'shop/checkout', error }], {
      workspace: '/repo',
      cwd: '/repo/monitoring',
    });

    expect(annotation).toEqual({
      message: 'shop/checkout: spec.generator is missing\nhint: add spec.generator',
      title: 'DAWG MANIFEST_INVALID',
      file: 'monitoring/dashboards/shop.yaml',
      startLine: 7,
      startColumn: 3,
    });
  });

  it('leaves out the position when the error has no location', () => {
    const error = new DawgError('RUN_TIMEOUT', 'generator ran past its deadline');

    const [annotation] = toAnnotations([{ dashboard: undefined, error }], {
      workspace: '/repo',
      cwd: '/repo',
    });

    expect(annotation).toMatchObject({
      message: 'generator ran past its deadline',
      file: undefined,
      startLine: undefined,
      startColumn: undefined,
    });
  });

  it('drops a column that comes without a line', () => {
    const error = new DawgError('MANIFEST_PARSE', 'broken', {
      location: { file: 'a.yaml', column: 4 },
    });

    const [annotation] = toAnnotations([{ dashboard: undefined, error }], {
      workspace: '/repo',
      cwd: '/repo',
    });

    expect(annotation).toMatchObject({
      file: 'a.yaml',
      startLine: undefined,
      startColumn: undefined,
    });
  });
});
