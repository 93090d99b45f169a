/**
 * Registry credentials from environment variables, for CI:
 *
 * - `DAWG_REGISTRY_<HOST>_USERNAME` and `DAWG_REGISTRY_<HOST>_PASSWORD`, where `<HOST>` is
 *   the registry `host[:port]` in upper case with every other character turned into `_`
 *   (`ghcr.io` → `GHCR_IO`, `127.0.0.1:5000` → `127_0_0_1_5000`);
 * - `DAWG_REGISTRY_USERNAME` and `DAWG_REGISTRY_PASSWORD`, used only for the hosts listed
 *   (comma-separated) in `DAWG_REGISTRY_HOST`, so that a manifest naming another registry
 *   cannot receive them.
 */
import type { Logger } from '../../log.js';
import type { RegistryCredentials } from './credentials.js';
import { isListed } from './plain-http.js';
import { dockerHubRegistry } from './reference.js';

type Environment = Readonly<Record<string, string | undefined>>;

/** Credentials for `registry` from the environment, or undefined. */
export function findEnvironmentCredentials(
  environment: Environment,
  registry: string,
  logger: Logger,
): RegistryCredentials | undefined {
  const prefix = `DAWG_REGISTRY_${environmentHostName(registry)}`;
  const specific = pair(environment, prefix);
  if (specific !== undefined) {
    return specific;
  }

  const generic = pair(environment, 'DAWG_REGISTRY');
  if (generic === undefined) {
    return undefined;
  }
  const hosts = (environment['DAWG_REGISTRY_HOST'] ?? '').split(',')
    .map((host) => host.trim())
    .filter((host) => host !== '')
    .map((host) => dockerHubAliases(host));
  if (hosts.length === 0) {
    logger.warn('DAWG_REGISTRY_USERNAME is set but DAWG_REGISTRY_HOST is not; ignoring it', {
      registry,
    });
    return undefined;
  }
  return isListed(registry, hosts) ? generic : undefined;
}

/** The `<HOST>` part of the variable names for a registry. */
export function environmentHostName(registry: string): string {
  return registry.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

function pair(environment: Environment, prefix: string): RegistryCredentials | undefined {
  const usernameName = `${prefix}_USERNAME`;
  const passwordName = `${prefix}_PASSWORD`;
  const username = environment[usernameName];
  const password = environment[passwordName];
  if (username === undefined || username === '' || password === undefined) {
    return undefined;
  }
  return {
    secret: { kind: 'password', username, password },
    source: `${usernameName}/${passwordName}`,
  };
}

function dockerHubAliases(host: string): string {
  return host === 'docker.io' || host === 'index.docker.io' ? dockerHubRegistry : host;
}
