import { describe, expect, it } from 'vitest';

import { isValidGrafanaUid } from '../render/dashboard-uid.js';
import {
  createdFolderUid,
  folderReferenceKey,
  parseFolderReference,
} from './folder-reference.js';

describe('parseFolderReference', () => {
  it.each([undefined, '', '  ', 'General', 'general', '/'])('reads %j as the root', (text) => {
    expect(parseFolderReference(text)).toEqual({ kind: 'root' });
  });

  it('reads one word as a uid or a title', () => {
    expect(parseFolderReference(' Team A ')).toEqual({ kind: 'uid-or-title', text: 'Team A' });
  });

  it('reads a slash-separated path of titles, ignoring empty segments', () => {
    expect(parseFolderReference('Team / Payments//EU')).toEqual({
      kind: 'path',
      titles: ['Team', 'Payments', 'EU'],
    });
  });
});

describe('folderReferenceKey', () => {
  it('gives spellings of the same folder the same key', () => {
    expect(folderReferenceKey('Team / Payments')).toBe(folderReferenceKey('Team/Payments'));
    expect(folderReferenceKey(undefined)).toBe(folderReferenceKey('General'));
  });
});

describe('createdFolderUid', () => {
  it('is a valid uid that keeps the last title readable', () => {
    const uid = createdFolderUid(['Team', 'Payments & Billing (EU)']);

    expect(isValidGrafanaUid(uid)).toBe(true);
    expect(uid).toMatch(/^payments-billing-eu-[0-9a-f]{12}$/);
  });

  it('differs for the same title under different parents', () => {
    expect(createdFolderUid(['A', 'Ops'])).not.toBe(createdFolderUid(['B', 'Ops']));
  });

  it('stays the same from run to run', () => {
    expect(createdFolderUid(['Team'])).toBe(createdFolderUid(['Team']));
  });

  it('falls back to a dawg- prefix for titles without letters or digits', () => {
    expect(createdFolderUid(['📈'])).toMatch(/^dawg-[0-9a-f]{12}$/);
  });
});
