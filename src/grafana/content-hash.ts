import { hashJson } from './canonical-json.js';
import type { NormalisedDashboard } from './normalise.js';

/**
 * The hash DAWG records in its marker and compares on every plan: normalised content plus the
 * folder uid, so that a folder-only move counts as a change like any other.
 */
export function contentHash(content: NormalisedDashboard, folderUid: string): string {
  return hashJson({ dashboard: content, folderUid });
}
