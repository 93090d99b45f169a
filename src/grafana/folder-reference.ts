import { createHash } from 'node:crypto';

/**
 * What `spec.folder` names: nothing (the root, which Grafana calls "General"), one folder by
 * uid or title, or a slash-separated path of titles from the root (`Team/Payments`).
 */
export type FolderReference =
  | { readonly kind: 'root' }
  /** One word: a folder uid when such a folder exists, else a title at the root. */
  | { readonly kind: 'uid-or-title'; readonly text: string }
  | { readonly kind: 'path'; readonly titles: readonly string[] };

/** Grafana's name for the root in its UI; no folder object carries it. */
const rootNames: ReadonlySet<string> = new Set(['', 'general', 'General']);
const slugLength = 20;
const hashLength = 12;

/** Reads `spec.folder`; surrounding spaces and empty path segments are ignored. */
export function parseFolderReference(folder: string | undefined): FolderReference {
  const text = folder?.trim() ?? '';
  if (rootNames.has(text)) {
    return { kind: 'root' };
  }
  const titles = text.split('/').map((title) => title.trim()).filter((title) => title !== '');

  if (titles.length === 1 && titles[0] !== undefined) {
    return { kind: 'uid-or-title', text: titles[0] };
  }
  return titles.length === 0 ? { kind: 'root' } : { kind: 'path', titles };
}

/** The key under which a reference's resolution is kept: its titles joined by `/`. */
export function folderReferenceKey(folder: string | undefined): string {
  const reference = parseFolderReference(folder);
  switch (reference.kind) {
    case 'root':
      return '';
    case 'uid-or-title':
      return reference.text;
    case 'path':
      return reference.titles.join('/');
  }
}

/**
 * The uid DAWG gives a folder it creates for the title path `titles`: a slug of the last title
 * and 12 hex digits of the SHA-256 of the whole path. The same path always gets the same uid,
 * so a second run finds the folder again even if someone renamed it.
 */
export function createdFolderUid(titles: readonly string[]): string {
  const last = titles[titles.length - 1] ?? 'folder';
  const slug = last.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  const hash = createHash('sha256').update(titles.join('/')).digest('hex').slice(0, hashLength);

  const prefix = slug.slice(0, slugLength).replace(/-+$/, '');
  return prefix === '' ? `dawg-${hash}` : `${prefix}-${hash}`;
}
