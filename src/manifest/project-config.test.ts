import { describe, expect, it } from 'vitest';

import { parseProjectConfig } from './project-config.js';

describe('parseProjectConfig', () => {
  it('reads manifest locations, excludes and the output directory', () => {
    const text = '{"manifests":["dashboards"],"exclude":["**/tmp/**"],"outDir":"build"}';

    const config = parseProjectConfig(text);

    expect(config).toEqual({ manifests: ['dashboards'], exclude: ['**/tmp/**'], outDir: 'build' });
  });

  it.each([
    ['{', /dawg\.config\.json is not valid JSON/],
    ['[]', /must hold a JSON object/],
    ['{"manifest":["x"]}', /unknown field manifest \(allowed: manifests, exclude, outDir\)/],
    ['{"manifests":"dashboards"}', /field manifests must be a list of non-empty strings/],
    ['{"outDir":""}', /field outDir must be a non-empty string/],
  ])('refuses %s, naming the file and the field', (text, message) => {
    expect(() => parseProjectConfig(text)).toThrow(message);
  });
});
