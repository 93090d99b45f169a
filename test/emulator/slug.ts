/**
 * Grafana's slug rule for dashboard and folder URLs (see docs/emulator.md, "Slugs"): lower
 * case; `a-z`, `0-9`, `_` and `-` kept; a space becomes `-` (runs are not collapsed); a few
 * punctuation marks are dropped; `&` and `@` become words; Latin letters with accents lose
 * them; any other character becomes the hex of its UTF-8 bytes (`/` → `2f`). An empty slug,
 * or one over 50 bytes, is replaced by a name-based UUID (version 5, OID namespace) of the
 * title.
 */
import { createHash } from 'node:crypto';

/** Grafana keeps URLs short: a longer slug is replaced by a UUID. */
const maxSlugBytes = 50;

const droppedCharacters = new Set([',', '"', "'", '\n', '\r', '\0', '?', '.', '(', ')']);

const replacedCharacters = new Map<string, string>([
  [' ', '-'], ['&', 'and'], ['@', 'at'], ['ß', 'ss'], ['æ', 'ae'], ['œ', 'oe'], ['ø', 'o'],
  ['ü', 'ue'], ['đ', 'd'], ['ł', 'l'], ['ı', 'i'], ['þ', 'p'], ['©', 'c'], ['®', 'r'],
  ['™', 'tm'],
]);

/** RFC 4122 namespace for ISO OIDs, the namespace Grafana hashes titles in. */
const oidNamespace = Buffer.from('6ba7b8129dad11d180b400c04fd430c8', 'hex');

/** Turns a title into the slug Grafana puts in `/d/<uid>/<slug>`. */
export function slugifyTitle(title: string): string {
  let slug = '';
  for (const character of title.trim().toLowerCase()) {
    slug += encodeCharacter(character);
  }

  if (slug === '' || Buffer.byteLength(slug) > maxSlugBytes) {
    return nameBasedUuid(title);
  }
  return slug;
}

function encodeCharacter(character: string): string {
  const replacement = replacedCharacters.get(character);
  if (replacement !== undefined) {
    return replacement;
  }
  if (/^[a-z0-9_-]$/.test(character)) {
    return character;
  }
  if (droppedCharacters.has(character)) {
    return '';
  }

  return latinBaseLetter(character) ?? Buffer.from(character, 'utf8').toString('hex');
}

function latinBaseLetter(character: string): string | undefined {
  const base = character.normalize('NFD').replace(/\p{Mn}/gu, '');
  return /^[a-z]$/.test(base) ? base : undefined;
}

function nameBasedUuid(name: string): string {
  const hash = createHash('sha1').update(oidNamespace).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;

  const hex = bytes.toString('hex');
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)]
    .join('-');
}
