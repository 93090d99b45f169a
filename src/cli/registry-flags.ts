/**
 * The registry flags shared by every command that talks to an OCI registry (render, push,
 * pull, inspect, lock), and their translation into library options.
 */
import path from 'node:path';

import { Option, type Command } from 'commander';

import { defaultLockFileName } from '../generator/lock-file.js';
import { parseOciReference } from '../generator/oci/reference.js';
import type { OciReference } from '../generator/reference.js';
import type { OciResolverOptions } from '../generator/oci/resolver.js';
import { createMaskingLogger, type Logger, type LogLevel, type MaskingLogger } from '../log.js';
import { createStderrLogger } from './logger.js';

export interface RegistryFlags {
  readonly plainHttp?: string[];
  readonly insecureRegistry?: string[];
  readonly cacheDir?: string;
}

export interface LockFlags {
  readonly lockFile?: string;
  readonly frozenLock?: boolean;
}

/** Adds --plain-http, --insecure-registry and --cache-dir. */
export function addRegistryOptions(command: Command): Command {
  return command
    .addOption(new Option('--plain-http <host...>',
      'registries to reach over plain HTTP (loopback hosts always are)'))
    .addOption(new Option('--insecure-registry <host...>',
      'registries whose TLS certificate is not verified'))
    .addOption(new Option('--cache-dir <dir>',
      'generator cache folder (default: $DAWG_CACHE_DIR or the user cache folder)'));
}

/** Adds --lock-file and, for commands that render, --frozen-lock. */
export function addLockOptions(command: Command, options: { frozen: boolean }): Command {
  command.addOption(new Option('--lock-file <file>',
    `generator lock file (default: ${defaultLockFileName} when it exists)`));
  if (options.frozen) {
    command.addOption(new Option('--frozen-lock',
      'fail when the lock file is missing, lacks a generator, or a locked tag moved (for CI)'));
  }
  return command;
}

/** Library options from the shared flags. The lock file defaults to `dawg-lock.json` in cwd. */
export function registryOptionsFromFlags(
  flags: RegistryFlags & LockFlags,
  context: { readonly logger: Logger; readonly cwd?: string },
): OciResolverOptions {
  const cwd = context.cwd ?? process.cwd();
  return {
    plainHttpHosts: flags.plainHttp,
    insecureHosts: flags.insecureRegistry,
    cacheDir: flags.cacheDir,
    logger: context.logger,
    lockFile: path.resolve(cwd, flags.lockFile ?? defaultLockFileName),
    frozenLock: flags.frozenLock,
  };
}

const ociSchemes = ['oci://', 'registry://'] as const;

/** A command-line reference: `oci://…`, `registry://…`, or the same without a scheme. */
export function parseOciArgument(text: string): OciReference {
  const scheme = ociSchemes.find((prefix) => text.startsWith(prefix));
  return parseOciReference(scheme === undefined ? text : text.slice(scheme.length));
}

/** True when a command-line argument names a registry rather than a local file. */
export function isOciArgument(text: string): boolean {
  return ociSchemes.some((prefix) => text.startsWith(prefix));
}

/** The stderr logger of a registry command, masking every credential and token it reads. */
export function createRegistryCommandLogger(level: LogLevel): MaskingLogger {
  return createMaskingLogger(createStderrLogger({ level }));
}
