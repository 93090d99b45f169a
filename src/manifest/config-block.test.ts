import { describe, expect, it } from 'vitest';

import { parseManifests } from './parse-manifests.js';

function configBlockOf(configLines: readonly string[]) {
  const text = [
    'apiVersion: dawg.urcloud.cc/v1',
    'kind: Dashboard',
    'metadata: {name: block}',
    'spec:',
    '  generator: file://g.wasm',
    ...configLines,
  ].join('\n');
  const [outcome] = parseManifests(text, 'block.yaml');
  return outcome?.status === 'parsed' ? outcome.manifest.configBlock : 'not parsed';
}

describe('locateConfigBlock', () => {
  it('starts a literal block on the line after its header, at its indentation', () => {
    expect(configBlockOf(['  config: |', '      a: 1'])).toEqual({ line: 7, column: 7 });
  });

  it('skips leading empty lines when measuring the indentation', () => {
    expect(configBlockOf(['  config: |', '', '    a: 1'])).toEqual({ line: 7, column: 5 });
  });

  it('takes an explicit indentation indicator into account', () => {
    expect(configBlockOf(['  config: |2', '      a: 1'])).toEqual({ line: 7, column: 5 });
  });

  it('gives nothing for a folded block, whose lines do not map one to one', () => {
    expect(configBlockOf(['  config: >', '    a: 1'])).toBeUndefined();
  });

  it('gives nothing for a mapping config', () => {
    expect(configBlockOf(['  config: {a: 1}'])).toBeUndefined();
  });
});
