import * as core from '@actions/core';

import type { LogFields, MaskingLogger } from '../log.js';

/**
 * The Action's logger: lines in the job log through @actions/core. Debug lines show only when
 * step debug logging is on, and warnings become annotations. Errors are plain log lines,
 * because each failed item is annotated once, with its file and line, from the run's result.
 * Secrets the library reads (registry passwords and tokens) go to the runner's masker.
 */
export function createActionLogger(): MaskingLogger {
  return {
    addSecret: (secret) => {
      if (secret !== '') {
        core.setSecret(secret);
      }
    },
    debug: (message, fields) => core.debug(withFields(message, fields)),
    info: (message, fields) => core.info(withFields(message, fields)),
    warn: (message, fields) => core.warning(withFields(message, fields)),
    error: (message, fields) => core.info(`error: ${withFields(message, fields)}`),
  };
}

function withFields(message: string, fields: LogFields = {}): string {
  const parts = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${String(value)}`);
  return parts.length === 0 ? message : `${message} ${parts.join(' ')}`;
}
