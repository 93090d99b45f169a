import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { isDawgError } from '../errors.js';
import { findPullRequest } from './pull-request.js';

async function writeEvent(payload: unknown): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'dawg-event-'));
  const file = path.join(dir, 'event.json');
  await writeFile(file, JSON.stringify(payload));
  return file;
}

describe('findPullRequest', () => {
  it('reads the number from a pull_request payload', async () => {
    const eventPath = await writeEvent({ action: 'synchronize', pull_request: { number: 42 } });

    const pullRequest = await findPullRequest({
      eventName: 'pull_request',
      eventPath,
      repository: 'octo/shop',
    });

    expect(pullRequest).toEqual({ repository: 'octo/shop', number: 42 });
  });

  it('finds no pull request on a push', async () => {
    const eventPath = await writeEvent({ ref: 'refs/heads/main' });

    const pullRequest = await findPullRequest({
      eventName: 'push',
      eventPath,
      repository: 'octo/shop',
    });

    expect(pullRequest).toBeUndefined();
  });

  it('fails with GITHUB_API when a pull_request payload has no number', async () => {
    const eventPath = await writeEvent({ pull_request: {} });

    const lookup = findPullRequest({ eventName: 'pull_request', eventPath, repository: 'o/r' });

    await expect(lookup).rejects.toSatisfy((error: unknown) =>
      isDawgError(error) && error.code === 'GITHUB_API');
  });
});
