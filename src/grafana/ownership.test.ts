import { describe, expect, it } from 'vitest';

import {
  addOwnerTag,
  checkSourceIdentity,
  ownerTag,
  readOwnership,
  stampMarker,
  type OwnershipMarker,
} from './ownership.js';

const source = 'github.com/acme/dashboards';
const marker: OwnershipMarker = {
  tool: 'dawg',
  source,
  dashboard: 'shop/checkout',
  hash: 'sha256:abc',
};

describe('ownerTag', () => {
  it('names the project in a tag of at most 50 characters', () => {
    expect(ownerTag(source)).toBe('dawg:github.com/acme/dashboards');

    const long = ownerTag(`github.com/${'a'.repeat(80)}/dashboards`);
    expect(long.length).toBeLessThanOrEqual(50);
    expect(long).toMatch(/^dawg:github\.com\/a+~[0-9a-f]{8}$/);
  });

  it('gives two long sources with the same start different tags', () => {
    const prefix = `github.com/${'a'.repeat(60)}`;

    expect(ownerTag(`${prefix}/one`)).not.toBe(ownerTag(`${prefix}/two`));
  });
});

describe('readOwnership', () => {
  it('reads this project from the marker', () => {
    const model = stampMarker(addOwnerTag({ title: 'T' }, source), marker);

    expect(readOwnership(model, { source })).toEqual({ owner: 'us', marker });
  });

  it('reads another project from its marker, whatever the tags say', () => {
    const model = stampMarker(addOwnerTag({}, source), { ...marker, source: 'other/project' });

    expect(readOwnership(model, { source })).toEqual({
      owner: 'other-project',
      source: 'other/project',
    });
  });

  it('keeps ownership through a UI save that dropped the marker but kept the tag', () => {
    const model = { title: 'T', tags: ['team', ownerTag(source)] };

    expect(readOwnership(model, { source })).toEqual({ owner: 'us', marker: undefined });
  });

  it('recognises another project by its tag alone', () => {
    const model = { tags: ['dawg:gitlab.com/other/repo'] };

    expect(readOwnership(model, { source })).toEqual({
      owner: 'other-project',
      source: 'gitlab.com/other/repo',
    });
  });

  it('treats a dashboard without tag or marker as made by hand', () => {
    expect(readOwnership({ title: 'T', tags: ['dawg'] }, { source })).toEqual({ owner: 'none' });
  });

  it('ignores a malformed marker', () => {
    const model = { __dawg: { tool: 'dawg', source: 42 } };

    expect(readOwnership(model, { source })).toEqual({ owner: 'none' });
  });
});

describe('addOwnerTag', () => {
  it('adds the tag once, after the generator\'s own tags', () => {
    const once = addOwnerTag({ tags: ['team'] }, source);

    expect(once['tags']).toEqual(['team', 'dawg:github.com/acme/dashboards']);
    expect(addOwnerTag(once, source)['tags']).toEqual(once['tags']);
  });
});

describe('checkSourceIdentity', () => {
  it('accepts repository-like identities', () => {
    expect(() => checkSourceIdentity(source)).not.toThrow();
    expect(() => checkSourceIdentity('my-project')).not.toThrow();
  });

  it.each(['', 'has space', '-leading', 'x'.repeat(201)])('refuses %j with USAGE', (value) => {
    expect(() => checkSourceIdentity(value)).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });
});
