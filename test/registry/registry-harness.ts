/**
 * Starts a real OCI registry (Debian's `docker-registry`, CNCF distribution 2.8) on 127.0.0.1
 * for a test file: a fresh port, a fresh storage folder and its own config, in one of three
 * auth modes (anonymous, htpasswd Basic, Bearer through the token server in this folder).
 * `stop()` ends the process by its PID and removes the folder.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { requireProgram } from './require-program.js';
import { startTokenServer, type TokenServer } from './token-server.js';

export type RegistryAuthMode = 'anonymous' | 'basic' | 'bearer';

export interface StartRegistryOptions {
  /** Default `anonymous`. */
  readonly auth?: RegistryAuthMode;
  /** The one user for `basic` and `bearer`. Default `tester`. */
  readonly username?: string;
  /** Default `s3cret-password`. */
  readonly password?: string;
  /** Serve HTTPS with a throwaway self-signed certificate for 127.0.0.1. Default false. */
  readonly tls?: boolean;
}

export interface TestRegistry {
  /** `127.0.0.1:<port>` */
  readonly host: string;
  readonly auth: RegistryAuthMode;
  readonly username: string;
  readonly password: string;
  /** The registry's storage folder. */
  readonly storageDir: string;
  /** The token server, in `bearer` mode. */
  readonly tokenServer: TokenServer | undefined;
  /** Path of a blob's data file in storage (to tamper with it). */
  blobFile(digest: string): string;
  stop(): Promise<void>;
}

const registryProgram = 'docker-registry';
/** distribution starts in about 0.1 s; ten seconds covers a loaded CI machine. */
const startTimeoutMs = 10_000;
const stopTimeoutMs = 5_000;

/** Starts a registry; the caller must `stop()` it (in afterAll). */
export async function startRegistry(options: StartRegistryOptions = {}): Promise<TestRegistry> {
  requireProgram(registryProgram, 'docker-registry');
  const auth = options.auth ?? 'anonymous';
  const username = options.username ?? 'tester';
  const password = options.password ?? 's3cret-password';
  const directory = await mkdtemp(path.join(os.tmpdir(), 'dawg-registry-'));
  const storageDir = path.join(directory, 'data');
  await mkdir(storageDir);

  let tokenServer: TokenServer | undefined;
  let child: ChildProcess | undefined;
  const stop = async (): Promise<void> => {
    if (child !== undefined) {
      await stopProcess(child);
    }
    await tokenServer?.stop();
    await rm(directory, { recursive: true, force: true });
  };

  try {
    const port = await freePort();
    const authBlock = await authConfig({ auth, directory, username, password });
    tokenServer = authBlock.tokenServer;
    const tls = options.tls === true ? tlsConfig(directory) : '';
    const config = registryConfig({ port, storageDir, auth: authBlock.yaml, tls });
    await writeFile(path.join(directory, 'config.yml'), config);

    child = spawn(registryProgram, ['serve', path.join(directory, 'config.yml')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const output = collectOutput(child);
    await waitForPort(port, child, output);

    return {
      host: `127.0.0.1:${port}`,
      auth,
      username,
      password,
      storageDir,
      tokenServer,
      blobFile: (digest) => blobFile(storageDir, digest),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function registryConfig(options: {
  port: number;
  storageDir: string;
  auth: string;
  tls: string;
}): string {
  return `version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: ${options.storageDir}
  delete:
    enabled: true
http:
  addr: 127.0.0.1:${options.port}
  secret: dawg-test-only-secret
${options.tls}${options.auth}`;
}

async function authConfig(options: {
  auth: RegistryAuthMode;
  directory: string;
  username: string;
  password: string;
}): Promise<{ yaml: string; tokenServer: TokenServer | undefined }> {
  if (options.auth === 'anonymous') {
    return { yaml: '', tokenServer: undefined };
  }
  if (options.auth === 'basic') {
    requireProgram('htpasswd', 'apache2-utils');
    const file = path.join(options.directory, 'htpasswd');
    const line = execFileSync('htpasswd', ['-Bbn', options.username, options.password], {
      encoding: 'utf8',
    });
    await writeFile(file, line);
    return {
      yaml: `auth:\n  htpasswd:\n    realm: dawg-test-registry\n    path: ${file}\n`,
      tokenServer: undefined,
    };
  }

  const tokenServer = await startTokenServer({
    directory: options.directory,
    users: { [options.username]: options.password },
  });
  return {
    yaml: `auth:
  token:
    realm: ${tokenServer.realm}
    service: ${tokenServer.service}
    issuer: ${tokenServer.issuer}
    rootcertbundle: ${tokenServer.certificateFile}
`,
    tokenServer,
  };
}

function tlsConfig(directory: string): string {
  requireProgram('openssl', 'openssl');
  const key = path.join(directory, 'tls.key');
  const certificate = path.join(directory, 'tls.crt');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key,
    '-out', certificate, '-days', '2', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  return `  tls:\n    certificate: ${certificate}\n    key: ${key}\n`;
}

function blobFile(storageDir: string, digest: string): string {
  const hex = digest.replace(/^sha256:/, '');
  return path.join(storageDir, 'docker', 'registry', 'v2', 'blobs', 'sha256', hex.slice(0, 2),
    hex, 'data');
}

/** A port the kernel just handed out on 127.0.0.1, released for the registry to bind. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function collectOutput(child: ChildProcess): () => string {
  let text = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    text = (text + chunk.toString('utf8')).slice(-8192);
  });
  return () => text;
}

async function waitForPort(port: number, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`docker-registry exited with ${child.exitCode}:\n${output()}`);
    }
    if (await canConnect(port)) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`docker-registry did not listen on 127.0.0.1:${port} within ` +
    `${startTimeoutMs} ms:\n${output()}`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** SIGTERM to the child's PID, SIGKILL if it has not exited after a few seconds. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(child.pid, 'SIGTERM');
  const timer = setTimeout(() => {
    if (child.pid !== undefined && child.exitCode === null) {
      process.kill(child.pid, 'SIGKILL');
    }
  }, stopTimeoutMs);
  await exited;
  clearTimeout(timer);
}
