/** Opaque paging tokens: an offset into a sorted list, base64url-encoded JSON. */
import { isJsonObject } from './json-value.js';

/** A token that resumes a list at `offset`. */
export function encodeContinueToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

/** The offset in a token; 0 for an empty or unreadable token. */
export function decodeContinueToken(token: string): number {
  if (token === '') {
    return 0;
  }

  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    const offset = isJsonObject(parsed) ? parsed['offset'] : undefined;
    return typeof offset === 'number' && Number.isInteger(offset) && offset >= 0 ? offset : 0;
  } catch {
    return 0;
  }
}
