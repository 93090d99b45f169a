import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Runs the committed Action bundle the way the GitHub runner does: `node <main>` from
 * action.yml, inputs as `INPUT_<NAME>` variables (hyphens kept, letters upper-cased), and the
 * runner's files for outputs and the step summary. Nothing of the test's own environment leaks
 * in, apart from PATH and HOME.
 */

export const actionBundle = fileURLToPath(
  new URL('../../action-dist/action/index.js', import.meta.url),
);

export interface ActionRunOptions {
  /** `GITHUB_WORKSPACE`; also the process's working folder. */
  readonly workspace: string;
  /** Inputs by their action.yml names. */
  readonly inputs: Readonly<Record<string, string>>;
  /** `GITHUB_*` and other variables the runner would set. */
  readonly env: Readonly<Record<string, string>>;
  /** A folder for the runner's files (outputs, summary, temp). */
  readonly runnerDir: string;
}

export interface ActionRunResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Readonly<Record<string, string>>;
  readonly summary: string;
  /** The `::error …::` workflow commands, decoded. */
  readonly annotations: readonly WorkflowCommand[];
  /** Values registered with `::add-mask::`. */
  readonly masked: readonly string[];
}

export interface WorkflowCommand {
  readonly command: string;
  readonly properties: Readonly<Record<string, string>>;
  readonly message: string;
}

export async function runAction(options: ActionRunOptions): Promise<ActionRunResult> {
  const files = await mkdtemp(path.join(options.runnerDir, 'step-'));
  const outputFile = path.join(files, 'output');
  const summaryFile = path.join(files, 'summary');
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? '',
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: files,
    ...options.env,
  };
  for (const [name, value] of Object.entries(options.inputs)) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }

  const { exitCode, stdout, stderr } = await runNode(actionBundle, {
    cwd: options.workspace,
    env,
  });
  const commands = parseWorkflowCommands(stdout);

  return {
    exitCode,
    stdout,
    stderr,
    outputs: parseOutputFile(await readFile(outputFile, 'utf8')),
    summary: await readFile(summaryFile, 'utf8'),
    annotations: commands.filter((command) => command.command === 'error'),
    masked: commands.filter((command) => command.command === 'add-mask')
      .map((command) => command.message),
  };
}

function runNode(
  script: string,
  options: { readonly cwd: string; readonly env: NodeJS.ProcessEnv },
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script], { ...options, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const exitCode = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ exitCode, stdout, stderr });
      });
  });
}

/** `name<<delimiter`, the value's lines, `delimiter`: the file format `core.setOutput` writes. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const header = /^([^<]+)<<(.+)$/.exec(lines[index] ?? '');
    if (header === null) {
      continue;
    }
    const end = lines.indexOf(header[2] ?? '', index + 1);
    outputs[header[1] ?? ''] = lines.slice(index + 1, end).join('\n');
    index = end;
  }
  return outputs;
}

/** `::command key=value,key=value::message`, with the runner's escapes undone. */
export function parseWorkflowCommands(stdout: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (match === null) {
      continue;
    }
    const properties: Record<string, string> = {};
    for (const pair of (match[2] ?? '').split(',').filter((part) => part !== '')) {
      const [key = '', ...value] = pair.split('=');
      properties[key] = unescape(value.join('='), { property: true });
    }
    commands.push({
      command: match[1] ?? '',
      properties,
      message: unescape(match[3] ?? '', { property: false }),
    });
  }
  return commands;
}

function unescape(text: string, options: { readonly property: boolean }): string {
  const decoded = text.replaceAll('%0D', '\r').replaceAll('%0A', '\n');
  const properties = options.property
    ? decoded.replaceAll('%3A', ':').replaceAll('%2C', ',')
    : decoded;
  return properties.replaceAll('%25', '%');
}
