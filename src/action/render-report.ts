import { formatError } from '../errors.js';
import { manifestKey } from '../manifest/manifest.js';
import type { RenderResult } from '../pipeline.js';
import { inlineCode, tableCell } from './markdown-text.js';

/**
 * The Markdown report of a `render` run, for the job summary and the pull request comment:
 * failures first, each with its file and line, then the rendered dashboards in a folded list.
 */
export function renderReportMarkdown(result: RenderResult): string {
  const lines = [
    '### DAWG render',
    '',
    summaryLine(result),
    ...failureTable(result),
    ...renderedList(result),
  ];
  return `${lines.join('\n')}\n`;
}

function summaryLine(result: RenderResult): string {
  const seconds = (result.durationMs / 1000).toFixed(1);
  const failed = result.failures.length === 0 ? '' : `, **${result.failures.length} failed**`;
  return `Rendered **${result.dashboards.length}** ${dashboards(result.dashboards.length)} in `
    + `${seconds} s${failed}.`;
}

function failureTable(result: RenderResult): string[] {
  if (result.failures.length === 0) {
    return [];
  }
  const rows = result.failures.map((failure) => {
    const dashboard = failure.dashboard ?? `${failure.source.file} (document `
      + `${failure.source.documentIndex + 1})`;
    return `| ${tableCell(dashboard)} | ${inlineCode(failure.error.code)} `
      + `| ${tableCell(formatError(failure.error))} |`;
  });
  return ['', '| Failed | Code | Error |', '| --- | --- | --- |', ...rows];
}

function renderedList(result: RenderResult): string[] {
  if (result.dashboards.length === 0) {
    return [];
  }
  const rows = result.dashboards.map((dashboard) => {
    const key = manifestKey(dashboard.manifest);
    return `| ${tableCell(key)} | ${inlineCode(dashboard.uid)} | ${tableCell(dashboard.title)} |`;
  });
  return [
    '',
    `<details><summary>${result.dashboards.length} rendered `
      + `${dashboards(result.dashboards.length)}</summary>`,
    '',
    '| Dashboard | UID | Title |',
    '| --- | --- | --- |',
    ...rows,
    '',
    '</details>',
  ];
}

function dashboards(count: number): string {
  return count === 1 ? 'dashboard' : 'dashboards';
}
