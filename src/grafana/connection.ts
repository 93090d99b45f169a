import { readFile } from 'node:fs/promises';

import { DawgError } from '../errors.js';
import type { Logger } from '../log.js';
import { chooseCredentials } from './authenticate.js';
import { createGrafanaClient, type GrafanaClient } from './client.js';
import type { RetryOptions } from './retry.js';

/** How to reach Grafana, as a user gives it (flags, Action inputs, or the environment). */
export interface GrafanaConnectionOptions {
  /** Grafana's URL. Default: `GRAFANA_URL`. */
  readonly url?: string;
  /** A service-account token. Default: `GRAFANA_TOKEN`. */
  readonly token?: string;
  /** A user for basic auth. Default: `GRAFANA_USER`. */
  readonly user?: string;
  /** That user's password. Default: `GRAFANA_PASSWORD`. */
  readonly password?: string;
  /** Sent as `X-Grafana-Org-Id`. Default: the credentials' own org. */
  readonly orgId?: number;
  /** A PEM file of certificates to trust for Grafana's TLS. */
  readonly caFile?: string;
  /** Skip TLS certificate checks. Default false. */
  readonly insecure?: boolean;
  /** Deadline for one request. Default 30 000 ms. */
  readonly timeoutMs?: number;
  /** Retry policy for 429, 5xx and network failures. Default: 4 retries with backoff. */
  readonly retry?: RetryOptions;
}

/** How `connectGrafana` builds the client, beyond what the user gave. */
export interface ConnectOptions {
  /** Refuse every write: the guarantee behind `--dry-run` and `diff`. */
  readonly readOnly: boolean;
  readonly logger?: Logger;
  /** Where unset options are read from. Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Called with each secret as soon as it is read, so that logs can mask it. */
  readonly onSecret?: (secret: string) => void;
}

/**
 * Builds a Grafana client from the user's options, each falling back to its environment
 * variable. Throws USAGE, before any request, when the URL or the credentials are missing,
 * or when the CA file cannot be read.
 */
export async function connectGrafana(
  options: GrafanaConnectionOptions,
  connect: ConnectOptions,
): Promise<GrafanaClient> {
  const env = connect.env ?? process.env;
  const url = options.url ?? env['GRAFANA_URL'];
  const given = {
    token: options.token ?? env['GRAFANA_TOKEN'],
    user: options.user ?? env['GRAFANA_USER'],
    password: options.password ?? env['GRAFANA_PASSWORD'],
  };
  for (const secret of [given.token, given.password]) {
    if (secret !== undefined && secret !== '') {
      connect.onSecret?.(secret);
    }
  }
  if (url === undefined || url.trim() === '') {
    throw new DawgError('USAGE', 'no Grafana URL was given', {
      hint: 'pass --grafana-url or set GRAFANA_URL',
    });
  }
  const credentials = chooseCredentials(given);
  const ca = options.caFile === undefined ? undefined : await readCa(options.caFile);

  return createGrafanaClient({
    url: url.trim(),
    credentials,
    orgId: options.orgId,
    ca,
    insecure: options.insecure,
    timeoutMs: options.timeoutMs,
    retry: options.retry,
    readOnly: connect.readOnly,
    logger: connect.logger,
  });
}

async function readCa(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new DawgError('USAGE', `cannot read the CA file ${file}`, {
      hint: 'pass --ca-file a readable PEM file',
      cause: error,
    });
  }
}
