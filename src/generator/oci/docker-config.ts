/**
 * Reads credentials from a Docker `config.json` the way the Docker CLI does
 * (docker/cli `cli/config/configfile/file.go`): `credHelpers[host]` first, then
 * `credsStore`, then `auths[host]` (`auth` is base64 `user:password`; `identitytoken` is an
 * OAuth2 refresh token). Docker Hub's entry is keyed `https://index.docker.io/v1/`.
 */
import { readFile } from 'node:fs/promises';

import { DawgError } from '../../errors.js';
import type { RegistrySecret } from './credentials.js';
import { dockerHubRegistry } from './reference.js';
import { parseWithSchema, type DockerAuthEntry, type DockerConfig } from './schema.js';

/** The server name Docker uses for Docker Hub in `auths` and with credential helpers. */
export const dockerHubServerUrl = 'https://index.docker.io/v1/';

/** A config file is a few KB; a larger one is not a Docker config. */
const maxConfigBytes = 1024 * 1024;

export type DockerCredentialEntry =
  | { readonly kind: 'helper'; readonly helper: string; readonly serverUrl: string }
  | { readonly kind: 'secret'; readonly secret: RegistrySecret };

/** The parsed config, or undefined when the file does not exist. */
export async function readDockerConfig(file: string): Promise<DockerConfig | undefined> {
  let text: string;
  try {
    const bytes = await readFile(file);
    if (bytes.length > maxConfigBytes) {
      throw new DawgError('REGISTRY_AUTH',
        `Docker config ${file} is over ${maxConfigBytes} bytes`);
    }
    text = bytes.toString('utf8');
  } catch (error) {
    if (isMissingFile(error)) {
      return undefined;
    }
    throw error;
  }

  const parsed = parseWithSchema('dockerConfig', text);
  if ('problem' in parsed) {
    throw new DawgError('REGISTRY_AUTH', `Docker config ${file} ${parsed.problem}`, {
      hint: 'fix the file, or point DOCKER_CONFIG at another folder',
    });
  }
  return parsed.value;
}

/** Where the credentials for `registry` are in `config`, or undefined when it has none. */
export function findDockerCredentials(
  config: DockerConfig,
  registry: string,
): DockerCredentialEntry | undefined {
  const keys = configKeys(registry);
  const serverUrl = keys[0] ?? registry;

  const helper = keys.map((key) => config.credHelpers?.[key]).find(isNonEmpty);
  if (helper !== undefined) {
    return { kind: 'helper', helper, serverUrl };
  }
  if (isNonEmpty(config.credsStore)) {
    return { kind: 'helper', helper: config.credsStore, serverUrl };
  }

  const entry = findAuthEntry(config.auths ?? {}, keys);
  const secret = entry === undefined ? undefined : entrySecret(entry);
  return secret === undefined ? undefined : { kind: 'secret', secret };
}

/** The keys Docker would file `registry` under, most specific first. */
function configKeys(registry: string): string[] {
  if (registry === dockerHubRegistry) {
    return [dockerHubServerUrl, 'index.docker.io', 'docker.io', dockerHubRegistry];
  }
  return [registry];
}

function findAuthEntry(
  auths: Readonly<Record<string, DockerAuthEntry>>,
  keys: readonly string[],
): DockerAuthEntry | undefined {
  for (const key of keys) {
    const exact = auths[key];
    if (exact !== undefined) {
      return exact;
    }
  }
  const hosts = new Set(keys.map(hostOfKey));
  const match = Object.entries(auths).find(([key]) => hosts.has(hostOfKey(key)));
  return match?.[1];
}

/** `https://host:port/v1/` → `host:port`, as docker/cli's ConvertToHostname does. */
function hostOfKey(key: string): string {
  const withoutScheme = key.replace(/^[a-z]+:\/\//i, '');
  return withoutScheme.split('/')[0] ?? withoutScheme;
}

function entrySecret(entry: DockerAuthEntry): RegistrySecret | undefined {
  if (isNonEmpty(entry.identitytoken)) {
    return { kind: 'identity-token', token: entry.identitytoken };
  }
  if (isNonEmpty(entry.registrytoken)) {
    return { kind: 'registry-token', token: entry.registrytoken };
  }
  if (isNonEmpty(entry.auth)) {
    return decodeAuth(entry.auth);
  }
  if (isNonEmpty(entry.username) && entry.password !== undefined) {
    return { kind: 'password', username: entry.username, password: entry.password };
  }
  return undefined;
}

function decodeAuth(auth: string): RegistrySecret | undefined {
  const decoded = Buffer.from(auth, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) {
    return undefined;
  }
  const username = decoded.slice(0, colon);
  return { kind: 'password', username, password: decoded.slice(colon + 1) };
}

function isNonEmpty(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}

function isMissingFile(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error &&
    (error.code === 'ENOENT' || error.code === 'ENOTDIR');
}
