import { readFileSync } from 'node:fs';

/** The version in DAWG's own package.json, read when asked (never at import). */
export function readPackageVersion(): string {
  const url = new URL('../../package.json', import.meta.url);
  const parsed: unknown = JSON.parse(readFileSync(url, 'utf8'));
  const version = (parsed as { version?: unknown }).version;
  return typeof version === 'string' ? version : '0.0.0';
}
