import { isMap, isScalar, isSeq, type LineCounter, type Node } from 'yaml';

import type { Position } from './manifest.js';

/**
 * Maps every node of a YAML document to where it is written, keyed by JSON pointer, so that an
 * error about `/spec/config/panels/0` can say `line 12, column 9`. A mapping entry points at its
 * key (where a reader's eye goes); a sequence item at the item.
 */
export function collectPositions(
  root: Node | null | undefined,
  lineCounter: LineCounter,
): ReadonlyMap<string, Position> {
  const positions = new Map<string, Position>();
  if (root === null || root === undefined) {
    return positions;
  }

  const at = (offset: number | undefined): Position | undefined => {
    if (offset === undefined) {
      return undefined;
    }
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };

  const visit = (node: unknown, pointer: string): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const child = `${pointer}/${escapePointerToken(key)}`;
        const keyRange = isScalar(pair.key) ? pair.key.range : undefined;
        const position = at(keyRange?.[0]);
        if (position !== undefined) {
          positions.set(child, position);
        }
        visit(pair.value, child);
      }
      return;
    }
    if (isSeq(node)) {
      node.items.forEach((item, index) => {
        const child = `${pointer}/${index}`;
        const range = (item as { range?: [number, number, number] } | null)?.range;
        const position = at(range?.[0]);
        if (position !== undefined) {
          positions.set(child, position);
        }
        visit(item, child);
      });
    }
  };

  const rootPosition = at(root.range?.[0]);
  if (rootPosition !== undefined) {
    positions.set('', rootPosition);
  }
  visit(root, '');
  return positions;
}

/** RFC 6901: `~` becomes `~0` and `/` becomes `~1`. */
export function escapePointerToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** `/spec/config/panels/0` → `spec.config.panels[0]`, the form used in messages. */
export function pointerToField(pointer: string): string {
  const tokens = pointer
    .split('/')
    .slice(1)
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));

  return tokens.reduce((field, token) => {
    if (/^\d+$/.test(token)) {
      return `${field}[${token}]`;
    }
    return field === '' ? token : `${field}.${token}`;
  }, '');
}

/** The position of `pointer`, or of its nearest written ancestor. */
export function findPosition(
  positions: ReadonlyMap<string, Position>,
  pointer: string,
): Position | undefined {
  let current = pointer;
  for (;;) {
    const position = positions.get(current);
    if (position !== undefined || current === '') {
      return position;
    }
    current = current.slice(0, current.lastIndexOf('/'));
  }
}
