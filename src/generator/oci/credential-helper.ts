/**
 * The Docker credential helper protocol (docker/docker-credential-helpers): run
 * `docker-credential-<name> get`, write the server URL on stdin, read
 * `{"ServerURL","Username","Secret"}` from stdout. A `Username` of `<token>` means `Secret` is
 * an identity token. "credentials not found" is a normal answer, not an error.
 */
import { spawn } from 'node:child_process';

import { DawgError } from '../../errors.js';
import type { RegistrySecret } from './credentials.js';
import { parseWithSchema } from './schema.js';

export interface RunCredentialHelperOptions {
  /** The part after `docker-credential-`: `ecr-login`, `gcloud`, `pass`, … */
  readonly helper: string;
  /** What Docker would pass: the registry host, or Docker Hub's server URL. */
  readonly serverUrl: string;
  /** Default 30 s: helpers may prompt a keychain or call a cloud API. */
  readonly timeoutMs?: number;
  /** The helper's environment, PATH included (where it is looked up). Default `process.env`. */
  readonly environment?: Readonly<Record<string, string | undefined>>;
}

const defaultTimeoutMs = 30_000;
/** A helper answers with a few hundred bytes of JSON. */
const maxOutputBytes = 64 * 1024;

/** Helper names are file-name suffixes; anything else could name another program. */
const helperNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Asks a credential helper for `serverUrl`. Resolves to undefined when it has none.
 *
 * @throws DawgError `REGISTRY_AUTH` when the helper is missing, fails or answers nonsense.
 */
export async function runCredentialHelper(
  options: RunCredentialHelperOptions,
): Promise<RegistrySecret | undefined> {
  const program = `docker-credential-${options.helper}`;
  if (!helperNamePattern.test(options.helper)) {
    throw new DawgError('REGISTRY_AUTH', `credential helper name "${options.helper}" is invalid`);
  }

  const result = await runProgram(program, options);
  if (result.exitCode !== 0) {
    if (/credentials not found/i.test(result.stdout)) {
      return undefined;
    }
    throw new DawgError('REGISTRY_AUTH', `${program} get failed for ${options.serverUrl} ` +
      `(exit ${result.exitCode}): ${firstLine(result.stdout || result.stderr)}`);
  }

  const parsed = parseWithSchema('credentialHelper', result.stdout);
  if ('problem' in parsed) {
    throw new DawgError('REGISTRY_AUTH', `${program} get: the answer ${parsed.problem}`);
  }
  const { Username: username, Secret: secret } = parsed.value;
  return username === '<token>'
    ? { kind: 'identity-token', token: secret }
    : { kind: 'password', username, password: secret };
}

interface ProgramResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

function runProgram(program: string, options: RunCredentialHelperOptions): Promise<ProgramResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, ['get'], {
      env: { ...options.environment ?? process.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? defaultTimeoutMs,
    });
    const stdout = collect(child.stdout);
    const stderr = collect(child.stderr);

    child.on('error', (error) => {
      reject(new DawgError('REGISTRY_AUTH', `cannot run credential helper ${program}: ` +
        `${(error as NodeJS.ErrnoException).code ?? error.message}`, {
        cause: error,
        hint: `install ${program} or remove it from the Docker config`,
      }));
    });
    child.on('close', (code, signal) => {
      const exitCode = code ?? (signal === null ? 1 : 128);
      resolve({ exitCode, stdout: stdout(), stderr: stderr() });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.serverUrl);
  });
}

function collect(stream: NodeJS.ReadableStream): () => string {
  const chunks: Buffer[] = [];
  let size = 0;
  stream.on('data', (chunk: Buffer) => {
    if (size < maxOutputBytes) {
      chunks.push(chunk);
      size += chunk.length;
    }
  });
  return () => Buffer.concat(chunks).toString('utf8').slice(0, maxOutputBytes);
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
