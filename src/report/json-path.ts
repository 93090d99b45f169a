import type { JsonPathSegment } from '../grafana/json-changes.js';

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `panels[2].targets[0].expr`; keys that are not identifiers as `["my key"]`; `(root)`. */
export function formatJsonPath(path: readonly JsonPathSegment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      text += `[${segment}]`;
    } else if (identifier.test(segment)) {
      text += text === '' ? segment : `.${segment}`;
    } else {
      text += `[${JSON.stringify(segment)}]`;
    }
  }
  return text === '' ? '(root)' : text;
}
