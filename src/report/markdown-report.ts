import { formatError } from '../errors.js';
import type { ItemOutcome } from '../grafana/apply.js';
import { countPlan, listFailures, type PlanCounts } from '../grafana/plan-summary.js';
import type { PlanItem } from '../grafana/plan.js';
import { summariseDashboard } from './dashboard-summary.js';
import { diffJsonDocuments } from './json-diff.js';
import {
  actionLabels,
  diffLegend,
  explainItem,
  isWrite,
  outcomesByItem,
  plural,
  type RunReport,
} from './run-report.js';

/** Options of `reportMarkdown`. */
export interface MarkdownReportOptions {
  /**
   * Length budget in characters. Default 60 000, under GitHub's 65 536-character limit for a
   * pull request comment. Past it, the remaining dashboards are listed without their diffs.
   */
  readonly maxLength?: number;
  /** Diff lines shown per dashboard. Default 150. */
  readonly maxDiffLines?: number;
}

const defaultMaxLength = 60_000;
const defaultMaxDiffLines = 150;
/** Room kept for the closing note about what the length limit left out. */
const noteAllowance = 200;

/**
 * The plan (and, after an apply, what happened) for a pull request comment or a job summary:
 * a table of counts, the failures with their hints, then one collapsible section per changed
 * dashboard holding its diff, or a one-line summary for a new one.
 */
export function reportMarkdown(report: RunReport, options: MarkdownReportOptions = {}): string {
  const budget = options.maxLength ?? defaultMaxLength;
  const outcomes = outcomesByItem(report);
  const parts = [
    heading(report),
    countsTable(countPlan(report.plan), report.renderFailures.length),
    ...applied(report),
    ...failures(report),
  ];
  if (report.plan.folders.length > 0) {
    const paths = report.plan.folders.map((folder) => `\`${code(folder.path)}\``);
    parts.push(`**Folders to create:** ${paths.join(', ')}`);
  }

  let used = parts.join('\n\n').length + noteAllowance;
  let shortened = 0;
  let omitted = 0;
  for (const item of report.plan.items.filter((entry) => entry.action !== 'unchanged')) {
    const full = section(item, outcomes.get(item), options);
    const short = shortLine(item);
    if (used + full.length <= budget) {
      parts.push(full);
      used += full.length + 2;
    } else if (used + short.length <= budget) {
      parts.push(short);
      used += short.length + 2;
      shortened += 1;
    } else {
      omitted += 1;
    }
  }
  if (shortened + omitted > 0) {
    parts.push(`_The report reached its length limit: ${shortened} dashboards are listed without `
      + `details and ${omitted} are left out; the JSON report has them all._`);
  }
  return `${parts.join('\n\n')}\n`;
}

function heading(report: RunReport): string {
  const what = report.mode === 'apply' ? 'DAWG apply' : 'DAWG plan';
  const dry = report.mode === 'dry-run' ? ' (dry run)' : '';
  return `### ${what}${dry} for \`${code(report.grafanaUrl)}\`, project `
    + `\`${code(report.plan.source)}\`\n\n_${diffLegend}._`;
}

function applied(report: RunReport): string[] {
  if (report.apply === undefined) {
    return [];
  }
  const done = report.apply.outcomes.filter((outcome) => outcome.status === 'applied').length;
  const folders = report.apply.folders.filter((outcome) => outcome.status !== 'failed').length;
  const seconds = (report.apply.durationMs / 1000).toFixed(1);
  return [`Applied ${plural(done, 'dashboard change')} and ${plural(folders, 'folder')} in `
    + `${seconds} s.`];
}

/** `renderFailed`: manifests that never reached the plan, counted beside failed plan items. */
function countsTable(counts: PlanCounts, renderFailed: number): string {
  const columns: readonly (readonly [string, number])[] = [
    ['Create', counts.create],
    ['Update', counts.update],
    ['Unchanged', counts.unchanged],
    ['Delete', counts.delete],
    ['Drift', counts.drift],
    ['Conflict', counts.conflict],
    ['Failed', counts.failed + renderFailed],
    ['No manifest', counts.orphan],
    ['New folders', counts.folders],
  ];
  return [
    `| ${columns.map(([name]) => name).join(' | ')} |`,
    `|${columns.map(() => '---:').join('|')}|`,
    `| ${columns.map(([, count]) => String(count)).join(' | ')} |`,
  ].join('\n');
}

function failures(report: RunReport): string[] {
  const lines = [
    ...report.renderFailures.map((failure) =>
      `- **${escapeHtml(failure.dashboard ?? failure.file)}** \`${failure.error.code}\`: ${
        escapeHtml(formatError(failure.error))}`),
    ...listFailures(report.plan, report.apply).map((failure) =>
      `- **${escapeHtml(failure.dashboard ?? failure.uid)}** \`${failure.error.code}\`: ${
        escapeHtml(formatError(failure.error))}`),
  ];
  const label = report.mode === 'apply' ? 'Failures' : 'Would fail on apply';
  return lines.length === 0 ? [] : [`**${label} (${lines.length})**\n\n${lines.join('\n')}`];
}

function section(
  item: PlanItem,
  outcome: ItemOutcome | undefined,
  options: MarkdownReportOptions,
): string {
  const body = sectionBody(item, options);
  return [
    `<details><summary>${summaryLine(item, outcome)}</summary>`,
    '',
    body,
    '',
    '</details>',
  ].join('\n');
}

function summaryLine(item: PlanItem, outcome: ItemOutcome | undefined): string {
  const { symbol, label } = actionLabels[item.action];
  const title = item.title === '' ? '' : ` “${escapeHtml(item.title)}”`;
  const failed = outcome?.status === 'failed' && isWrite(item);
  const result = outcome?.status === 'applied' ? ' — done' : failed ? ' — <b>failed</b>' : '';
  return `${symbol} <b>${label}</b> <code>${escapeHtml(item.dashboard ?? item.uid)}</code>${title}`
    + ` (uid <code>${escapeHtml(item.uid)}</code>)${result}`;
}

function shortLine(item: PlanItem): string {
  const { symbol, label } = actionLabels[item.action];
  return `- ${symbol} ${label} \`${code(item.dashboard ?? item.uid)}\``;
}

function sectionBody(item: PlanItem, options: MarkdownReportOptions): string {
  const lines: string[] = [];
  const explanation = explainItem(item);
  if (explanation !== undefined) {
    lines.push(escapeHtml(explanation));
  }
  if (item.action === 'create') {
    lines.push(`New in **${escapeHtml(item.desired.folder.path)}**: ${
      escapeHtml(summariseDashboard(item.desired.content))}`);
  }
  if ((item.action === 'update' || item.action === 'drift') && item.desired !== undefined) {
    if (item.live.folder.uid !== item.desired.folder.uid) {
      lines.push(`Folder: ${escapeHtml(item.live.folder.path)} → ${
        escapeHtml(item.desired.folder.path)}`);
    }
    lines.push(...diffBlock(item.live.content, item.desired.content, options));
  }
  return lines.length === 0 ? '(nothing more to show)' : lines.join('\n\n');
}

function diffBlock(before: unknown, after: unknown, options: MarkdownReportOptions): string[] {
  const diff = diffJsonDocuments(before, after);
  if (diff.status === 'too-large') {
    return ['_Too different to diff line by line; the JSON report lists the changed paths._'];
  }
  if (diff.hunks.length === 0) {
    return [];
  }

  const lines = diff.hunks.flatMap((hunk) => [`@@ ${hunk.path} @@`, ...hunk.lines]);
  const limit = options.maxDiffLines ?? defaultMaxDiffLines;
  const shown = lines.length <= limit
    ? lines
    : [...lines.slice(0, limit), `… ${lines.length - limit} more diff lines`];
  const fence = fenceFor(shown);
  return [`${fence}diff\n${shown.join('\n')}\n${fence}`];
}

/** A code fence longer than any run of backticks inside, so that no line can close it. */
function fenceFor(lines: readonly string[]): string {
  let longest = 0;
  for (const line of lines) {
    for (const run of line.match(/`+/g) ?? []) {
      longest = Math.max(longest, run.length);
    }
  }
  return '`'.repeat(Math.max(3, longest + 1));
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text inside an inline code span: backticks would end it, so they become quotes. */
function code(text: string): string {
  return text.replace(/`/g, '\'');
}
