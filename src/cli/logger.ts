import pc from 'picocolors';

import type { LogFields, Logger, LogLevel } from '../log.js';

export interface StderrLoggerOptions {
  /** Lowest level printed. Default `info`. */
  readonly level?: LogLevel;
  /** Where lines go. Default `process.stderr`. */
  readonly stream?: NodeJS.WritableStream;
  /** Colour the level word. Default: when the stream is a terminal and NO_COLOR is unset. */
  readonly color?: boolean;
}

const levelOrder: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** The CLI's logger: one readable line per entry on stderr, fields as `key=value`. */
export function createStderrLogger(options: StderrLoggerOptions = {}): Logger {
  const stream = options.stream ?? process.stderr;
  const minimum = levelOrder[options.level ?? 'info'];
  const color = options.color ?? isColorStream(stream);
  const colors = pc.createColors(color);
  const paint: Record<LogLevel, (text: string) => string> = {
    debug: colors.dim,
    info: (text) => text,
    warn: colors.yellow,
    error: colors.red,
  };

  const write = (level: LogLevel) => (message: string, fields: LogFields = {}) => {
    if (levelOrder[level] < minimum) {
      return;
    }
    const prefix = level === 'info' ? '' : paint[level](`${level}: `);
    stream.write(`${prefix}${message}${formatFields(fields, colors.dim)}\n`);
  };

  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

export function isColorStream(stream: NodeJS.WritableStream): boolean {
  const isTerminal = 'isTTY' in stream && stream.isTTY === true;
  // no-color.org: only a non-empty NO_COLOR turns colour off.
  const noColor = process.env['NO_COLOR'] ?? '';
  return isTerminal && noColor === '';
}

function formatFields(fields: LogFields, dim: (text: string) => string): string {
  const parts = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${String(value)}`);
  return parts.length === 0 ? '' : ` ${dim(parts.join(' '))}`;
}
