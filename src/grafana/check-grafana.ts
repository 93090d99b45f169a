import { DawgError, isDawgError } from '../errors.js';
import { silentLogger, type Logger } from '../log.js';
import type { GrafanaClient } from './client.js';
import {
  formatGrafanaVersion,
  isAtLeast,
  minimumGrafanaVersion,
  nestedFoldersVersion,
  parseGrafanaVersion,
  type GrafanaVersion,
} from './grafana-version.js';

/** What DAWG learnt about the Grafana it talks to. */
export interface GrafanaInfo {
  /** The release, or undefined when the server hides it. */
  readonly version: GrafanaVersion | undefined;
}

/** Options of `checkGrafana`. */
export interface CheckGrafanaOptions {
  /** Some manifest puts its dashboard in a nested folder path. */
  readonly needsNestedFolders?: boolean;
  readonly logger?: Logger;
  readonly signal?: AbortSignal;
}

/**
 * Checks, before anything else, that the URL is a healthy Grafana, recent enough for the run,
 * and that the credentials are accepted. Throws GRAFANA_UNREACHABLE (wrong URL, database down),
 * GRAFANA (not a Grafana), GRAFANA_VERSION (too old) or GRAFANA_AUTH (bad credentials).
 */
export async function checkGrafana(
  client: GrafanaClient,
  options: CheckGrafanaOptions = {},
): Promise<GrafanaInfo> {
  const logger = options.logger ?? silentLogger;

  const health = await client.health({ signal: options.signal }).catch((error: unknown) => {
    throw explainHealthFailure(error, client.url);
  });
  if (health.database !== undefined && health.database !== 'ok') {
    throw new DawgError('GRAFANA_UNREACHABLE', `Grafana at ${client.url} reports its database as `
      + `${health.database}`, { hint: 'Grafana cannot save dashboards now; try again later' });
  }
  const version = parseGrafanaVersion(health.version);
  checkVersion(version, options);
  if (version === undefined) {
    logger.warn('Grafana hides its version; assuming it supports what this run needs', {
      grafana: client.url,
    });
  }

  await client.checkAccess({ signal: options.signal });
  logger.debug(`Grafana ${health.version ?? '(version hidden)'} at ${client.url} is healthy`);
  return { version };
}

function checkVersion(
  version: GrafanaVersion | undefined,
  options: CheckGrafanaOptions,
): void {
  if (version === undefined) {
    return;
  }
  if (!isAtLeast(version, minimumGrafanaVersion)) {
    throw tooOld(version, minimumGrafanaVersion, { what: 'DAWG', hint: 'upgrade Grafana' });
  }
  if (options.needsNestedFolders === true && !isAtLeast(version, nestedFoldersVersion)) {
    throw tooOld(version, nestedFoldersVersion, {
      what: 'a nested spec.folder path',
      hint: 'upgrade Grafana, or name a single folder (uid or title) in spec.folder',
    });
  }
}

function tooOld(
  version: GrafanaVersion,
  minimum: GrafanaVersion,
  explain: { readonly what: string; readonly hint: string },
): DawgError {
  const message = `Grafana ${formatGrafanaVersion(version)} is too old: ${explain.what} needs `
    + `${formatGrafanaVersion(minimum)} or later`;
  return new DawgError('GRAFANA_VERSION', message, { hint: explain.hint });
}

function explainHealthFailure(error: unknown, url: string): unknown {
  if (!isDawgError(error) || error.code !== 'GRAFANA') {
    return error;
  }
  return new DawgError('GRAFANA', `no Grafana answers at ${url}: ${error.message}`, {
    hint: 'check --grafana-url (GRAFANA_URL): Grafana\'s root, with its sub path if any',
    cause: error,
  });
}
