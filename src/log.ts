/**
 * The library never prints. It logs through a Logger that each face provides: the CLI writes
 * lines to stderr, the Action uses @actions/core, tests collect entries in memory.
 */

/** Structured fields, named with DAWG's words: file, dashboard, uid, generator, digest, grafana. */
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** A logger that drops everything: the default when a caller passes none. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogEntry {
  readonly level: LogLevel;
  readonly message: string;
  readonly fields: LogFields;
}

/** A logger that keeps every entry, for tests and for faces that render logs later. */
export function createMemoryLogger(): Logger & { readonly entries: readonly LogEntry[] } {
  const entries: LogEntry[] = [];
  const push = (level: LogLevel) => (message: string, fields: LogFields = {}) => {
    entries.push({ level, message, fields });
  };

  return {
    entries,
    debug: push('debug'),
    info: push('info'),
    warn: push('warn'),
    error: push('error'),
  };
}

/** A logger that hides secrets: register each one as soon as it is read. */
export interface MaskingLogger extends Logger {
  /** Every later message and field value shows `***` where `secret` appeared. */
  addSecret(secret: string): void;
}

/** Wraps `inner` so that registered secrets (tokens, passwords) never reach it. */
export function createMaskingLogger(inner: Logger): MaskingLogger {
  const secrets = new Set<string>();
  const mask = (text: string): string => {
    let masked = text;
    for (const secret of secrets) {
      masked = masked.split(secret).join('***');
    }
    return masked;
  };
  const forward = (level: LogLevel) => (message: string, fields: LogFields = {}) => {
    const maskedFields = Object.fromEntries(Object.entries(fields).map(([key, value]) =>
      [key, typeof value === 'string' ? mask(value) : value]));
    inner[level](mask(message), maskedFields);
  };

  return {
    addSecret(secret) {
      if (secret !== '') {
        secrets.add(secret);
      }
    },
    debug: forward('debug'),
    info: forward('info'),
    warn: forward('warn'),
    error: forward('error'),
  };
}
