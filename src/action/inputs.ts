import path from 'node:path';

import { DawgError } from '../errors.js';
import { driftPolicies, type DriftPolicy } from '../grafana/plan.js';

/** What the Action runs: the same stages as the CLI commands of the same names. */
export type ActionCommand = 'render' | 'diff' | 'apply';

export const actionCommands: readonly ActionCommand[] = ['render', 'diff', 'apply'];

/** The Action's inputs, checked and typed. Paths are absolute. */
export interface ActionInputs {
  readonly command: ActionCommand;
  /** Manifest files, folders or globs, one per line. Empty: every manifest in the project. */
  readonly patterns: readonly string[];
  /** The project folder, absolute. Default: the workspace. */
  readonly workingDirectory: string;
  /** Where dashboards are rendered, relative to `workingDirectory`. Default `out`. */
  readonly outDir: string;
  /** Where the Markdown report and the JSON plan are written, absolute. */
  readonly reportDir: string;
  /** Required for diff and apply; falls back to `GRAFANA_URL`. */
  readonly grafanaUrl: string | undefined;
  /** Falls back to `GRAFANA_TOKEN`. */
  readonly grafanaToken: string | undefined;
  /** Delete owned dashboards that no manifest renders any more. Default false. */
  readonly prune: boolean;
  /** Default `fail`. */
  readonly driftPolicy: DriftPolicy;
  /** Parallel generator runs and Grafana requests. Default: the pipeline's. */
  readonly concurrency: number | undefined;
  /** Refuse oci:// tags that the lock file lacks or that moved since. Default false. */
  readonly frozenLock: boolean;
  /** Fail the step when a diff finds pending changes. Default false. */
  readonly failOnChanges: boolean;
  /** Post the report as one sticky comment on pull requests. Default true. */
  readonly comment: boolean;
  readonly githubToken: string | undefined;
}

/** Returns an input's value, '' when it is not set (as `core.getInput` does). */
export type InputReader = (name: string) => string;

export interface ReadActionInputsOptions {
  /** The folder relative paths start from: `GITHUB_WORKSPACE`, else the current folder. */
  readonly workspace: string;
  /** Where the report goes when `report-dir` is empty: `RUNNER_TEMP`, when set. */
  readonly runnerTemp: string | undefined;
}

/**
 * Reads and checks every input before anything runs. Throws a `USAGE` DawgError that names
 * the input when a value is not one the Action accepts.
 */
export function readActionInputs(
  read: InputReader,
  options: ReadActionInputsOptions,
): ActionInputs {
  const workingDirectory = path.resolve(
    options.workspace,
    readOptional(read, 'working-directory') ?? '.',
  );

  return {
    command: readChoice(read, 'command', actionCommands, 'diff'),
    patterns: readLines(read, 'manifests'),
    workingDirectory,
    outDir: readOptional(read, 'out-dir') ?? 'out',
    reportDir: readReportDir(read, { ...options, workingDirectory }),
    grafanaUrl: readOptional(read, 'grafana-url'),
    grafanaToken: readOptional(read, 'grafana-token'),
    prune: readBoolean(read, 'prune', false),
    driftPolicy: readChoice(read, 'drift', driftPolicies, 'fail'),
    concurrency: readPositiveInteger(read, 'concurrency'),
    frozenLock: readBoolean(read, 'frozen-lock', false),
    failOnChanges: readBoolean(read, 'fail-on-changes', false),
    comment: readBoolean(read, 'comment', true),
    githubToken: readOptional(read, 'github-token'),
  };
}

function readOptional(read: InputReader, name: string): string | undefined {
  const value = read(name).trim();
  return value === '' ? undefined : value;
}

function readLines(read: InputReader, name: string): string[] {
  return read(name)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

function readChoice<T extends string>(
  read: InputReader,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const value = readOptional(read, name);
  if (value === undefined) {
    return fallback;
  }
  const choice = choices.find((candidate) => candidate === value);
  if (choice === undefined) {
    throw new DawgError('USAGE', `input ${name} is "${value}", not one of ${choices.join(', ')}`);
  }
  return choice;
}

/** The YAML 1.2 core schema's spellings, which is what `core.getBooleanInput` accepts too. */
const trueWords = ['true', 'True', 'TRUE'];
const falseWords = ['false', 'False', 'FALSE'];

function readBoolean(read: InputReader, name: string, fallback: boolean): boolean {
  const value = readOptional(read, name);
  if (value === undefined) {
    return fallback;
  }
  if (trueWords.includes(value)) {
    return true;
  }
  if (falseWords.includes(value)) {
    return false;
  }
  throw new DawgError('USAGE', `input ${name} is "${value}", not true or false`);
}

function readPositiveInteger(read: InputReader, name: string): number | undefined {
  const value = readOptional(read, name);
  if (value === undefined) {
    return undefined;
  }
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) {
    throw new DawgError('USAGE', `input ${name} is "${value}", not a positive whole number`);
  }
  return parsed;
}

function readReportDir(
  read: InputReader,
  options: ReadActionInputsOptions & { readonly workingDirectory: string },
): string {
  const value = readOptional(read, 'report-dir');
  if (value !== undefined) {
    return path.resolve(options.workspace, value);
  }
  // Outside the checkout, so a later step that commits the workspace does not pick it up.
  return options.runnerTemp === undefined
    ? path.join(options.workingDirectory, '.dawg-report')
    : path.join(options.runnerTemp, 'dawg');
}
