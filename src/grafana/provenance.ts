import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

import { checkSourceIdentity } from './ownership.js';

const run = promisify(execFile);

/** Who applies: the project identity in markers and owner tags, and the commit, if known. */
export interface Provenance {
  readonly source: string;
  readonly commit: string | undefined;
}

/** Options of `detectProvenance`. */
export interface DetectProvenanceOptions {
  /** The project folder. */
  readonly cwd: string;
  /** An identity the user chose (`--source`); it wins over everything detected. */
  readonly source?: string;
  /** Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Git answers in milliseconds; a hung git (a network filesystem) must not hang the run. */
const gitTimeoutMs = 5000;

/**
 * Finds the project identity: `--source`, else `DAWG_SOURCE`, else the GitHub repository in
 * Actions (`github.com/<owner>/<repo>`), else the git remote `origin` without scheme, user,
 * password or `.git` (`github.com/acme/dashboards`), else the folder's name. The commit is
 * `GITHUB_SHA`, else git's HEAD, else unknown. Throws USAGE for an unusable identity.
 */
export async function detectProvenance(options: DetectProvenanceOptions): Promise<Provenance> {
  const env = options.env ?? process.env;

  const source = options.source ?? nonEmpty(env['DAWG_SOURCE'])
    ?? fromGithubRepository(env) ?? (await fromGitRemote(options.cwd))
    ?? sanitise(path.basename(path.resolve(options.cwd)));
  checkSourceIdentity(source);
  const commit = nonEmpty(env['GITHUB_SHA'])
    ?? (await gitOutput(options.cwd, ['rev-parse', 'HEAD']));

  return { source, commit };
}

/** `git@host:owner/repo.git`, `https://user:token@host/owner/repo.git` → `host/owner/repo`. */
export function sourceFromRemoteUrl(url: string): string | undefined {
  const text = url.trim();
  const scp = /^[^@/\s]+@([^:/\s]+):(.+)$/.exec(text);
  if (scp !== null) {
    return joinSource(scp[1] ?? '', scp[2] ?? '');
  }

  try {
    const parsed = new URL(text);
    if (parsed.protocol === 'file:' || parsed.hostname === '') {
      return undefined;
    }
    return joinSource(parsed.hostname, parsed.pathname);
  } catch {
    return undefined;
  }
}

function joinSource(host: string, repositoryPath: string): string | undefined {
  const trimmed = repositoryPath.replace(/^\/+|\/+$/g, '').replace(/\.git$/, '');
  if (trimmed === '') {
    return undefined;
  }
  return sanitise(`${host.toLowerCase()}/${trimmed}`);
}

function fromGithubRepository(
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const repository = nonEmpty(env['GITHUB_REPOSITORY']);
  if (repository === undefined) {
    return undefined;
  }
  const server = nonEmpty(env['GITHUB_SERVER_URL']) ?? 'https://github.com';
  return sourceFromRemoteUrl(`${server}/${repository}`);
}

async function fromGitRemote(cwd: string): Promise<string | undefined> {
  const url = await gitOutput(cwd, ['config', '--get', 'remote.origin.url']);
  return url === undefined ? undefined : sourceFromRemoteUrl(url);
}

async function gitOutput(cwd: string, args: readonly string[]): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', ['-C', cwd, ...args], { timeout: gitTimeoutMs });
    return nonEmpty(stdout.trim());
  } catch {
    // No git, not a repository, or no such setting: the caller falls back.
    return undefined;
  }
}

/** Replaces characters a source identity may not hold, so a folder name always works. */
function sanitise(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9._~:/@+-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return cleaned === '' ? 'project' : cleaned.slice(0, 200);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
