import { Command, CommanderError } from 'commander';

import { formatError, isDawgError } from '../errors.js';
import { exitCodes } from './exit-codes.js';
import { applyCommand } from './commands/apply.js';
import { diffCommand } from './commands/diff.js';
import { embedMetadataCommand } from './commands/embed-metadata.js';
import { initCommand } from './commands/init.js';
import { inspectCommand } from './commands/inspect.js';
import { lockCommand } from './commands/lock.js';
import { pullCommand } from './commands/pull.js';
import { pushCommand } from './commands/push.js';
import { renderCommand } from './commands/render.js';
import { readPackageVersion } from './version.js';

/**
 * Every command module exports a factory returning a commander Command whose action sets
 * `process.exitCode`. Commands are thin: options in, one library call, result out.
 */
const commandFactories: ReadonlyArray<() => Command> = [
  renderCommand,
  diffCommand,
  applyCommand,
  lockCommand,
  pushCommand,
  pullCommand,
  inspectCommand,
  initCommand,
  embedMetadataCommand,
];

export function createProgram(): Command {
  const program = new Command('dawg')
    .description('Dashboards As WebAssembly Generators: render, diff and apply Grafana dashboards')
    .version(readPackageVersion(), '-V, --version')
    .showHelpAfterError()
    .exitOverride();

  for (const factory of commandFactories) {
    program.addCommand(factory().exitOverride());
  }
  return program;
}

/** Runs the CLI on `argv` (as in `process.argv`) and resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = createProgram();

  try {
    await program.parseAsync([...argv]);
    return takeExitCode();
  } catch (error) {
    return reportFatal(error);
  }
}

function reportFatal(error: unknown): number {
  if (error instanceof CommanderError) {
    const isHelpOrVersion = error.exitCode === 0;
    return isHelpOrVersion ? exitCodes.success : exitCodes.failure;
  }
  const message = isDawgError(error) ? formatError(error) : String(error);
  process.stderr.write(`error: ${message}\n`);
  return exitCodes.failure;
}

/**
 * The code the command's action set, cleared again so that an in-process caller (a test, an
 * embedding program) never inherits it; bin/dawg.js sets it for the real process.
 */
function takeExitCode(): number {
  const code = typeof process.exitCode === 'number' ? process.exitCode : exitCodes.success;
  process.exitCode = undefined;
  return code;
}
