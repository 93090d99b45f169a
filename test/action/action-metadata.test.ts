import { access, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { readActionInputs } from '../../src/action/inputs.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface ActionMetadata {
  readonly inputs: Record<string, { readonly default?: string }>;
  readonly outputs: Record<string, unknown>;
  readonly runs: { readonly using: string; readonly main: string };
}

async function readMetadata(): Promise<ActionMetadata> {
  return parse(await readFile(`${root}action.yml`, 'utf8')) as ActionMetadata;
}

describe('action.yml', () => {
  it('declares exactly the inputs the Action reads', async () => {
    const metadata = await readMetadata();
    const read = new Set<string>();

    readActionInputs((name) => {
      read.add(name);
      return '';
    }, { workspace: '/repo', runnerTemp: undefined });

    expect([...read].sort()).toEqual(Object.keys(metadata.inputs).sort());
  });

  it('gives defaults the Action accepts', async () => {
    const metadata = await readMetadata();
    const defaults = Object.fromEntries(Object.entries(metadata.inputs)
      .map(([name, input]) => [name, input.default ?? '']));

    const inputs = readActionInputs((name) => defaults[name] ?? '', {
      workspace: '/repo',
      runnerTemp: '/tmp',
    });

    expect(inputs).toMatchObject({ command: 'diff', driftPolicy: 'fail', prune: false });
  });

  it('runs the committed bundle on the node24 runtime', async () => {
    const metadata = await readMetadata();

    expect(metadata.runs.using).toBe('node24');
    await expect(access(`${root}${metadata.runs.main}`)).resolves.toBeUndefined();
  });

  it('lists the counts and the report paths as outputs', async () => {
    const metadata = await readMetadata();

    expect(Object.keys(metadata.outputs).sort()).toEqual([
      'create', 'delete', 'failed', 'plan-path', 'report-path', 'unchanged', 'update',
    ]);
  });
});
