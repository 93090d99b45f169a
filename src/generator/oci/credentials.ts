/**
 * Registry credentials and where they come from. Lookup order for a registry host: DAWG's
 * environment variables (for CI), then the Docker config: `credHelpers[host]`, `credsStore`,
 * `auths[host]`. A secret is never logged or put in an error; `source` says where it came
 * from so messages can point there instead.
 */
import os from 'node:os';
import path from 'node:path';

import { silentLogger, type Logger, type MaskingLogger } from '../../log.js';
import { runCredentialHelper, type RunCredentialHelperOptions } from './credential-helper.js';
import { findDockerCredentials, readDockerConfig } from './docker-config.js';
import { findEnvironmentCredentials } from './environment-credentials.js';

/** What a registry (or its token server) can be given. */
export type RegistrySecret =
  | { readonly kind: 'password'; readonly username: string; readonly password: string }
  /** An OAuth2 refresh token (`identitytoken` in the Docker config). */
  | { readonly kind: 'identity-token'; readonly token: string }
  /** A ready Bearer token for the registry itself (`registrytoken`). */
  | { readonly kind: 'registry-token'; readonly token: string };

export interface RegistryCredentials {
  readonly secret: RegistrySecret;
  /** Where the secret came from, for messages: `DAWG_REGISTRY_…`, `~/.docker/config.json`. */
  readonly source: string;
}

/** Finds credentials for a registry host, or undefined when there are none. */
export type CredentialSource = (registry: string) => Promise<RegistryCredentials | undefined>;

export interface CredentialSourceOptions {
  /**
   * Variables to read DAWG_REGISTRY_* from, and the environment (PATH) credential helpers run
   * in. Default `process.env`.
   */
  readonly environment?: Readonly<Record<string, string | undefined>>;
  /**
   * Docker config file. Default `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`.
   * A missing file means no credentials.
   */
  readonly dockerConfigPath?: string;
  /** Runs `docker-credential-<name>`; tests inject their own. */
  readonly runHelper?: (
    options: RunCredentialHelperOptions,
  ) => Promise<RegistrySecret | undefined>;
  readonly logger?: Logger;
}

/** Builds the lookup used by the auth layer. Each host is looked up once per source. */
export function createCredentialSource(options: CredentialSourceOptions = {}): CredentialSource {
  const environment = options.environment ?? process.env;
  const configPath = options.dockerConfigPath ?? defaultDockerConfigPath(environment);
  const runHelper = options.runHelper ?? runCredentialHelper;
  const logger = options.logger ?? silentLogger;
  const found = new Map<string, Promise<RegistryCredentials | undefined>>();

  const lookUp = async (registry: string): Promise<RegistryCredentials | undefined> => {
    const fromEnvironment = findEnvironmentCredentials(environment, registry, logger);
    if (fromEnvironment !== undefined) {
      return fromEnvironment;
    }

    const config = await readDockerConfig(configPath);
    if (config === undefined) {
      return undefined;
    }
    const entry = findDockerCredentials(config, registry);
    if (entry?.kind === 'helper') {
      const secret = await runHelper({
        helper: entry.helper,
        serverUrl: entry.serverUrl,
        environment,
      });
      const source = `docker-credential-${entry.helper} (${configPath})`;
      return secret === undefined ? undefined : { secret, source };
    }
    return entry === undefined ? undefined : { secret: entry.secret, source: configPath };
  };

  return (registry) => {
    const existing = found.get(registry);
    if (existing !== undefined) {
      return existing;
    }
    const result = lookUp(registry).then((credentials) => {
      if (credentials !== undefined) {
        maskSecret(logger, secretText(credentials.secret));
      }
      return credentials;
    });
    found.set(registry, result);
    return result;
  };
}

/**
 * Registers a secret with the logger when it can mask (a MaskingLogger), so that it never
 * reaches a log line even if some message quotes it.
 */
export function maskSecret(logger: Logger, secret: string): void {
  const masking = logger as Partial<MaskingLogger>;
  if (typeof masking.addSecret === 'function') {
    masking.addSecret(secret);
  }
}

function secretText(secret: RegistrySecret): string {
  return secret.kind === 'password' ? secret.password : secret.token;
}

/** `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`, as the Docker CLI reads it. */
export function defaultDockerConfigPath(
  environment: Readonly<Record<string, string | undefined>> = process.env,
): string {
  const directory = environment['DOCKER_CONFIG'] ?? path.join(os.homedir(), '.docker');
  return path.join(directory, 'config.json');
}
