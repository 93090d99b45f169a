/**
 * The options every registry operation shares (pull, push, lock, inspect), and the client
 * built from them.
 */
import type { Logger } from '../../log.js';
import { createCredentialSource, type CredentialSource } from './credentials.js';
import type { FetchFunction } from './http-transport.js';
import { createRegistryClient, type RegistryClient } from './registry-client.js';
import type { RetryOptions } from './retry.js';

export interface RegistryOptions {
  /**
   * Registries reached over plain HTTP besides loopback ones (`host[:port]`, or a host for
   * every port). Default none.
   */
  readonly plainHttpHosts?: readonly string[];
  /** Registries whose TLS certificate is not verified. Default none. */
  readonly insecureHosts?: readonly string[];
  /** Docker config with credentials. Default `$DOCKER_CONFIG/config.json` or `~/.docker/…`. */
  readonly dockerConfigPath?: string;
  /** Where DAWG_REGISTRY_* credentials are read. Default `process.env`. */
  readonly environment?: Readonly<Record<string, string | undefined>>;
  /** Replaces the environment and Docker config lookup entirely. */
  readonly credentials?: CredentialSource;
  /** Default Node's global `fetch`. */
  readonly fetch?: FetchFunction;
  /** Deadline for one HTTP exchange. Default 120 s. */
  readonly timeoutMs?: number;
  /** Retry tuning; tests inject a delay that resolves at once. */
  readonly retry?: RetryOptions;
  /** Clock for token expiry. Default `Date.now`. */
  readonly now?: () => number;
  readonly logger?: Logger;
}

/** A registry client configured from shared options. */
export function createClientFromOptions(options: RegistryOptions): RegistryClient {
  const credentials = options.credentials ?? createCredentialSource({
    environment: options.environment,
    dockerConfigPath: options.dockerConfigPath,
    logger: options.logger,
  });
  return createRegistryClient({
    fetch: options.fetch,
    plainHttpHosts: options.plainHttpHosts,
    insecureHosts: options.insecureHosts,
    timeoutMs: options.timeoutMs,
    logger: options.logger,
    credentials,
    retry: options.retry,
    now: options.now,
  });
}
