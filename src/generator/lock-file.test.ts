import { describe, expect, it } from 'vitest';

import { isDawgError } from '../errors.js';
import { formatLockFile, parseLockFile } from './lock-file.js';

const digestA = `sha256:${'a'.repeat(64)}`;
const digestB = `sha256:${'b'.repeat(64)}`;

function parseError(text: string): unknown {
  try {
    parseLockFile(text, 'dawg-lock.json');
  } catch (error) {
    return error;
  }
  throw new Error('parsed without error');
}

describe('formatLockFile', () => {
  it('writes entries sorted by key with a trailing newline', () => {
    const lock = new Map([
      ['z.example/gen:v1', { digest: digestB }],
      ['a.example/gen:v1', { digest: digestA }],
    ]);

    const text = formatLockFile(lock);

    expect(text).toBe(`{
  "lockfileVersion": 1,
  "generators": {
    "a.example/gen:v1": {
      "digest": "${digestA}"
    },
    "z.example/gen:v1": {
      "digest": "${digestB}"
    }
  }
}
`);
  });

  it('gives the same text for the same entries in any order', () => {
    const one = new Map([['a/x:1', { digest: digestA }], ['b/x:1', { digest: digestB }]]);
    const two = new Map([['b/x:1', { digest: digestB }], ['a/x:1', { digest: digestA }]]);

    expect(formatLockFile(one)).toBe(formatLockFile(two));
  });
});

describe('parseLockFile', () => {
  it('reads back what formatLockFile wrote', () => {
    const lock = new Map([['127.0.0.1:5000/gen:v1', { digest: digestA }]]);

    expect(parseLockFile(formatLockFile(lock), 'dawg-lock.json')).toEqual(lock);
  });

  it.each([
    ['not JSON', '{', 'is not valid JSON'],
    ['a bad digest', '{"lockfileVersion":1,"generators":{"a/b:c":{"digest":"md5:1"}}}', 'shape'],
    ['an unknown field', '{"lockfileVersion":1,"generators":{},"extra":1}', 'shape'],
    ['a newer version', '{"lockfileVersion":2,"generators":{}}', 'lockfileVersion 2'],
  ])('rejects %s with LOCK_STALE naming the file', (_name, text, problem) => {
    const error = parseError(text);

    expect(isDawgError(error) && error.code).toBe('LOCK_STALE');
    expect((error as Error).message).toContain('dawg-lock.json');
    expect((error as Error).message).toContain(problem);
  });
});
