import { structuredPatch } from 'diff';

import type { JsonPathSegment } from '../grafana/json-changes.js';
import { printJsonLines } from './json-lines.js';
import { formatJsonPath } from './json-path.js';

/** One hunk of a unified diff, headed by the JSON path its changes share. */
export interface JsonDiffHunk {
  /** e.g. `panels[0].targets[1]`, or `(root)`. */
  readonly path: string;
  /** 1-based first line in the old and new documents, as in `@@ -a,b +c,d @@`. */
  readonly oldStart: number;
  readonly newStart: number;
  /** Lines starting with ' ', '-' or '+'. */
  readonly lines: readonly string[];
}

/** The diff of two documents, or why there is none. */
export type JsonDiff =
  | { readonly status: 'diffed'; readonly hunks: readonly JsonDiffHunk[] }
  /** The documents differ too much to diff in the time allowed: report the paths instead. */
  | { readonly status: 'too-large' };

/** Options of `diffJsonDocuments`. */
export interface JsonDiffOptions {
  /** Unchanged lines around each change. Default 3. */
  readonly context?: number;
  /** Give up on a diff after this long. Default 2 000 ms. */
  readonly timeoutMs?: number;
}

/** Enough for any real edit of a dashboard; a rewrite of 10 000 lines is not worth a diff. */
const defaultTimeoutMs = 2000;

/**
 * A unified line diff of two JSON documents printed with sorted keys, each hunk headed with
 * the JSON path shared by the lines it changes.
 */
export function diffJsonDocuments(
  before: unknown,
  after: unknown,
  options: JsonDiffOptions = {},
): JsonDiff {
  const old = printJsonLines(before);
  const current = printJsonLines(after);

  const patch = structuredPatch('live', 'rendered', `${old.lines.join('\n')}\n`,
    `${current.lines.join('\n')}\n`, undefined, undefined, {
      context: options.context ?? 3,
      timeout: options.timeoutMs ?? defaultTimeoutMs,
    });
  if (patch === undefined) {
    return { status: 'too-large' };
  }

  const hunks = patch.hunks.map((hunk) => ({
    path: formatJsonPath(hunkPath(hunk, old.paths, current.paths)),
    oldStart: hunk.oldStart,
    newStart: hunk.newStart,
    lines: hunk.lines,
  }));
  return { status: 'diffed', hunks };
}

/** The longest path prefix shared by every changed line of the hunk. */
function hunkPath(
  hunk: { readonly oldStart: number; readonly newStart: number; readonly lines: string[] },
  oldPaths: readonly (readonly JsonPathSegment[])[],
  newPaths: readonly (readonly JsonPathSegment[])[],
): readonly JsonPathSegment[] {
  let oldIndex = hunk.oldStart - 1;
  let newIndex = hunk.newStart - 1;
  let shared: readonly JsonPathSegment[] | undefined;

  for (const line of hunk.lines) {
    const marker = line[0];
    if (marker === '-' || marker === '+') {
      const path = (marker === '-' ? oldPaths[oldIndex] : newPaths[newIndex]) ?? [];
      shared = shared === undefined ? path : commonPrefix(shared, path);
    }
    if (marker !== '+') {
      oldIndex += 1;
    }
    if (marker !== '-') {
      newIndex += 1;
    }
  }
  return shared ?? [];
}

function commonPrefix(
  a: readonly JsonPathSegment[],
  b: readonly JsonPathSegment[],
): readonly JsonPathSegment[] {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) {
    length += 1;
  }
  return a.slice(0, length);
}
