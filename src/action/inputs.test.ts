import { describe, expect, it } from 'vitest';

import { isDawgError } from '../errors.js';
import { readActionInputs, type InputReader } from './inputs.js';

function reader(values: Record<string, string>): InputReader {
  return (name) => values[name] ?? '';
}

const options = { workspace: '/repo', runnerTemp: '/runner/temp' };

function usageErrorOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a usage error');
}

describe('readActionInputs', () => {
  it('defaults to a diff of the whole project with drift policy fail', () => {
    const inputs = readActionInputs(reader({}), options);

    expect(inputs).toMatchObject({
      command: 'diff',
      patterns: [],
      workingDirectory: '/repo',
      outDir: 'out',
      reportDir: '/runner/temp/dawg',
      prune: false,
      driftPolicy: 'fail',
      concurrency: undefined,
      frozenLock: false,
      failOnChanges: false,
      comment: true,
    });
  });

  it('reads one manifest pattern per line, ignoring blank lines', () => {
    const inputs = readActionInputs(reader({
      command: 'render',
      manifests: 'dashboards/shop.yaml\n\n  teams/**/*.yaml  \r\n',
    }), options);

    expect(inputs.patterns).toEqual(['dashboards/shop.yaml', 'teams/**/*.yaml']);
  });

  it('resolves working-directory and report-dir against the workspace', () => {
    const inputs = readActionInputs(reader({
      command: 'render',
      'working-directory': 'monitoring',
      'report-dir': 'reports',
    }), options);

    expect(inputs.workingDirectory).toBe('/repo/monitoring');
    expect(inputs.reportDir).toBe('/repo/reports');
  });

  it('puts the report in the working directory when there is no runner temp folder', () => {
    const inputs = readActionInputs(reader({ command: 'render' }), {
      workspace: '/repo',
      runnerTemp: undefined,
    });

    expect(inputs.reportDir).toBe('/repo/.dawg-report');
  });

  it('accepts the YAML spellings of true and false', () => {
    const inputs = readActionInputs(reader({
      command: 'render',
      prune: 'True',
      'fail-on-changes': 'TRUE',
      'frozen-lock': 'true',
      comment: 'false',
    }), options);

    expect(inputs).toMatchObject({
      prune: true,
      failOnChanges: true,
      frozenLock: true,
      comment: false,
    });
  });

  it('names the input and the accepted values when a value is not one of them', () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ command: 'plan' }, 'command'],
      [{ command: 'render', drift: 'ignore' }, 'drift'],
      [{ command: 'render', prune: 'yes' }, 'prune'],
      [{ command: 'render', concurrency: '0' }, 'concurrency'],
      [{ command: 'render', concurrency: '2.5' }, 'concurrency'],
    ];

    for (const [values, name] of cases) {
      const error = usageErrorOf(() => readActionInputs(reader(values), options));

      expect(isDawgError(error) && error.code).toBe('USAGE');
      expect(String(error)).toContain(`input ${name}`);
    }
  });

  it('reads a positive concurrency as a number', () => {
    const inputs = readActionInputs(reader({ command: 'render', concurrency: '8' }), options);

    expect(inputs.concurrency).toBe(8);
  });
});
