import pc from 'picocolors';

import { formatError } from '../errors.js';
import type { ItemOutcome } from '../grafana/apply.js';
import {
  countPlan,
  describePlanCounts,
  listFailures,
} from '../grafana/plan-summary.js';
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

/** Options of `reportText`. */
export interface TextReportOptions {
  /** ANSI colours. Default false; the CLI turns them on for a terminal. */
  readonly color?: boolean;
  /** List unchanged dashboards too. Default false: they are only counted. */
  readonly showUnchanged?: boolean;
  /** Diff lines shown per dashboard before the rest is cut. Default 200. */
  readonly maxDiffLines?: number;
}

type Colors = ReturnType<typeof pc.createColors>;

const defaultMaxDiffLines = 200;
const indent = '      ';

/**
 * The plan (and, after an apply, what happened) for a person at a terminal: one line per
 * dashboard, a unified diff headed by JSON paths for each change, a one-line summary for a new
 * dashboard, every failure with its hint, and the counts.
 */
export function reportText(report: RunReport, options: TextReportOptions = {}): string {
  const colors = pc.createColors(options.color === true);
  const outcomes = outcomesByItem(report);
  const lines: string[] = [header(report, colors), ''];

  for (const failure of report.renderFailures) {
    const where = failure.dashboard ?? failure.file;
    lines.push(`${colors.red('✗ render   ')} ${where}: ${formatError(failure.error)}`);
  }
  for (const folder of report.plan.folders) {
    const uid = colors.dim(`uid ${folder.uid}`);
    lines.push(`${colors.green('+ folder   ')} ${folder.path}  ${uid}`);
  }
  for (const item of report.plan.items) {
    if (item.action !== 'unchanged' || options.showUnchanged === true) {
      lines.push(...describeItem(item, outcomes.get(item), { ...options, colors }));
    }
  }
  if (report.plan.orphanError !== undefined) {
    lines.push(colors.yellow(`could not look for dashboards to prune: ${
      formatError(report.plan.orphanError)}`));
  }

  lines.push('', ...footer(report, colors));
  return `${lines.join('\n')}\n`;
}

function header(report: RunReport, colors: Colors): string {
  const what = report.mode === 'apply' ? 'DAWG apply' : 'DAWG plan';
  const dry = report.mode === 'dry-run' ? ' (dry run: nothing written)' : '';
  const where = `${report.grafanaUrl}, project ${report.plan.source}`;
  const title = colors.bold(`${what} for ${where}${dry}`);
  return `${title}\n${colors.dim(`(${diffLegend})`)}`;
}

function describeItem(
  item: PlanItem,
  outcome: ItemOutcome | undefined,
  options: TextReportOptions & { readonly colors: Colors },
): string[] {
  const { colors } = options;
  const { symbol, label } = actionLabels[item.action];
  const paint = actionColor(item.action, colors);
  const name = item.dashboard ?? item.uid;
  const title = item.title === '' ? '' : `  "${item.title}"`;
  const lines = [`${paint(`${symbol} ${label.padEnd(9)}`)} ${name}  ${
    colors.dim(`uid ${item.uid}`)}${title}${describeOutcome(outcome, colors)}`];

  const explanation = explainItem(item);
  if (explanation !== undefined) {
    lines.push(`${indent}${explanation}`);
  }
  if (outcome?.status === 'failed' && isWrite(item)) {
    lines.push(`${indent}${colors.red(`failed: ${formatError(outcome.error)}`)}`);
  }
  if ((item.action === 'conflict' || item.action === 'failed' || item.action === 'drift')
    && item.error.hint !== undefined) {
    lines.push(`${indent}${colors.dim(`hint: ${item.error.hint}`)}`);
  }
  lines.push(...describeChange(item, options));
  return lines;
}

function describeChange(
  item: PlanItem,
  options: TextReportOptions & { readonly colors: Colors },
): string[] {
  switch (item.action) {
    case 'create':
      return [
        `${indent}new in ${item.desired.folder.path}: ${summariseDashboard(item.desired.content)}`,
      ];
    case 'update':
    case 'drift': {
      if (item.desired === undefined) {
        return [];
      }
      const move = item.live.folder.uid === item.desired.folder.uid
        ? []
        : [`${indent}folder: ${item.live.folder.path} → ${item.desired.folder.path}`];
      return [...move, ...diffLines(item.live.content, item.desired.content, options)];
    }
    default:
      return [];
  }
}

function diffLines(
  before: unknown,
  after: unknown,
  options: TextReportOptions & { readonly colors: Colors },
): string[] {
  const { colors } = options;
  const diff = diffJsonDocuments(before, after);
  if (diff.status === 'too-large') {
    return [`${indent}(too different to diff line by line; see the JSON report for paths)`];
  }

  const lines: string[] = [];
  for (const hunk of diff.hunks) {
    lines.push(`${indent}${colors.cyan(`@@ ${hunk.path} @@`)}`);
    for (const line of hunk.lines) {
      lines.push(`${indent}${diffLineColor(line, colors)(line)}`);
    }
  }
  const limit = options.maxDiffLines ?? defaultMaxDiffLines;
  if (lines.length <= limit) {
    return lines;
  }
  return [...lines.slice(0, limit), `${indent}… ${lines.length - limit} more diff lines`];
}

function describeOutcome(outcome: ItemOutcome | undefined, colors: Colors): string {
  switch (outcome?.status) {
    case 'applied':
      return colors.green(outcome.version === undefined ? '  → done' : `  → done (version ${
        outcome.version})`);
    case 'failed':
      return isWrite(outcome.item) ? colors.red('  → failed') : '';
    default:
      return '';
  }
}

function footer(report: RunReport, colors: Colors): string[] {
  const counts = describePlanCounts(countPlan(report.plan));
  const lines = [`${report.mode === 'apply' ? 'Planned' : 'Plan'}: ${counts}`];
  const failures = listFailures(report.plan, report.apply);

  if (report.apply !== undefined) {
    const applied = report.apply.outcomes.filter((outcome) => outcome.status === 'applied');
    const folders = report.apply.folders.filter((outcome) => outcome.status !== 'failed');
    const seconds = (report.apply.durationMs / 1000).toFixed(1);
    lines.push(`Applied: ${plural(applied.length, 'dashboard change')}, ${
      plural(folders.length, 'folder')}, in ${seconds} s`);
  }
  const named = [
    ...report.renderFailures.map((failure) => ({
      name: failure.dashboard ?? failure.file,
      code: failure.error.code,
    })),
    ...failures.map((failure) => ({
      name: failure.dashboard ?? failure.uid,
      code: failure.error.code,
    })),
  ];
  if (named.length > 0) {
    const label = report.mode === 'apply' ? 'Failed' : 'Would fail on apply';
    lines.push(colors.red(`${label}: ${named.length}`));
    for (const { name, code } of named) {
      lines.push(colors.red(`  ✗ ${name}  ${code}`));
    }
  }
  return lines;
}

function diffLineColor(line: string, colors: Colors): (text: string) => string {
  if (line.startsWith('-')) {
    return colors.red;
  }
  return line.startsWith('+') ? colors.green : colors.dim;
}

function actionColor(action: PlanItem['action'], colors: Colors): (text: string) => string {
  switch (action) {
    case 'create':
      return colors.green;
    case 'update':
      return colors.yellow;
    case 'drift':
      return colors.magenta;
    case 'conflict':
    case 'failed':
    case 'delete':
      return colors.red;
    default:
      return colors.dim;
  }
}
