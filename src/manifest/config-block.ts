import { isScalar, type Document, type LineCounter } from 'yaml';

import type { Position } from './manifest.js';

/**
 * Finds where the content of a literal block scalar `spec.config` starts in the file: the line
 * after its `|` header, at the column of the block's indentation. Undefined when the config is
 * not a literal block (a mapping, a folded or quoted string), since only a literal block keeps
 * one content line per file line.
 */
export function locateConfigBlock(
  document: Document,
  text: string,
  lineCounter: LineCounter,
): Position | undefined {
  const node: unknown = document.getIn(['spec', 'config'], true);
  const range = isScalar(node) ? node.range : undefined;
  if (!isScalar(node) || node.type !== 'BLOCK_LITERAL' || range === undefined || range === null) {
    return undefined;
  }
  const value = typeof node.value === 'string' ? node.value : '';
  const header = lineCounter.linePos(range[0]);

  const sourceLines = text.slice(range[0], range[1]).split('\n').slice(1);
  const indentation = blockIndentation(sourceLines, value.split('\n'));
  if (indentation === undefined) {
    return undefined;
  }
  return { line: header.line + 1, column: indentation + 1 };
}

/**
 * The block's indentation: the spaces before the first non-empty content line in the file,
 * less the spaces the parsed value keeps there (an explicit indentation indicator such as
 * `|2` leaves extra spaces inside the value).
 */
function blockIndentation(
  sourceLines: readonly string[],
  valueLines: readonly string[],
): number | undefined {
  const index = valueLines.findIndex((line) => line.trim() !== '');
  const source = sourceLines[index];
  const value = valueLines[index];
  if (index === -1 || source === undefined || value === undefined) {
    return undefined;
  }
  return leadingSpaces(source) - leadingSpaces(value);
}

function leadingSpaces(line: string): number {
  return line.length - line.trimStart().length;
}
