import { afterEach, describe, expect, it } from 'vitest';

import { createGitHubClient } from '../../src/action/github-client.js';
import {
  defaultCommentMarker,
  maxCommentCharacters,
  upsertStickyComment,
} from '../../src/action/sticky-comment.js';
import { isDawgError } from '../../src/errors.js';
import { startFakeGitHub, type FakeGitHub } from './fake-github.js';

const token = 'ghs_test-token-sticky';
let github: FakeGitHub | undefined;

afterEach(async () => {
  await github?.close();
  github = undefined;
});

async function start(options: { readOnly?: boolean } = {}): Promise<FakeGitHub> {
  github = await startFakeGitHub({ token, ...options });
  return github;
}

function upsert(fake: FakeGitHub, body: string, issueNumber = 7) {
  const client = createGitHubClient({ apiUrl: fake.url, token });
  return upsertStickyComment({ client, repository: 'octo/shop', issueNumber, body });
}

describe('upsertStickyComment', () => {
  it('creates one marked comment when the pull request has none', async () => {
    const fake = await start();
    fake.addComment(7, 'looks good to me');

    const outcome = await upsert(fake, 'plan: 1 create');

    expect(outcome.status).toBe('created');
    const ours = fake.comments.filter((comment) => comment.body.startsWith(defaultCommentMarker));
    expect(ours).toHaveLength(1);
    expect(ours[0]?.body).toBe(`${defaultCommentMarker}\nplan: 1 create`);
    expect(fake.requests.every((request) => request.authorization === `Bearer ${token}`))
      .toBe(true);
  });

  it('updates its own comment on the next run instead of adding one', async () => {
    const fake = await start();
    const first = await upsert(fake, 'plan: 1 create');

    const second = await upsert(fake, 'plan: 1 update');

    expect(second).toMatchObject({ status: 'updated', id: first.id });
    expect(fake.comments).toHaveLength(1);
    expect(fake.comments[0]?.body).toBe(`${defaultCommentMarker}\nplan: 1 update`);
    expect(fake.requests.map((request) => request.method))
      .toEqual(['GET', 'POST', 'GET', 'PATCH']);
  });

  it('sends nothing when its comment already says the same', async () => {
    const fake = await start();
    await upsert(fake, 'plan: no changes');

    const outcome = await upsert(fake, 'plan: no changes');

    expect(outcome.status).toBe('unchanged');
    expect(fake.requests.filter((request) => request.method === 'PATCH')).toHaveLength(0);
  });

  it('finds its comment on a later page of a long conversation', async () => {
    const fake = await start();
    for (let index = 0; index < 150; index += 1) {
      fake.addComment(7, `comment ${index}`);
    }
    const ours = fake.addComment(7, `${defaultCommentMarker}\nold plan`);

    const outcome = await upsert(fake, 'new plan');

    expect(outcome).toMatchObject({ status: 'updated', id: ours.id });
    expect(fake.requests.filter((request) => request.method === 'GET')).toHaveLength(2);
  });

  it('ignores comments that only quote the marker further down', async () => {
    const fake = await start();
    fake.addComment(7, `why does DAWG write ${defaultCommentMarker}?`);

    const outcome = await upsert(fake, 'plan');

    expect(outcome.status).toBe('created');
    expect(fake.comments).toHaveLength(2);
  });

  it('keeps pull requests apart', async () => {
    const fake = await start();
    await upsert(fake, 'plan for 7', 7);

    const outcome = await upsert(fake, 'plan for 8', 8);

    expect(outcome.status).toBe('created');
    expect(fake.comments.map((comment) => comment.issueNumber)).toEqual([7, 8]);
  });

  it('cuts a report longer than GitHub accepts', async () => {
    const fake = await start();
    const line = `${'x'.repeat(99)}\n`;

    await upsert(fake, line.repeat(1000));

    const body = fake.comments[0]?.body ?? '';
    expect(body.length).toBeLessThanOrEqual(maxCommentCharacters);
    expect(body).toContain('The report was cut');
  });

  it('fails with GITHUB_API and a permissions hint when the token is read-only', async () => {
    const fake = await start({ readOnly: true });

    const failure = upsert(fake, 'plan');

    await expect(failure).rejects.toSatisfy((error: unknown) =>
      isDawgError(error) && error.code === 'GITHUB_API'
      && error.message.includes('403')
      && error.hint?.includes('pull-requests: write') === true);
  });

  it('never puts the token in an error message', async () => {
    const fake = await start();
    const client = createGitHubClient({ apiUrl: fake.url, token: 'wrong-token-123' });

    const failure = upsertStickyComment({ client, repository: 'o/r', issueNumber: 1, body: 'b' });

    await expect(failure).rejects.toSatisfy((error: unknown) =>
      isDawgError(error) && error.code === 'GITHUB_API'
      && error.message.includes('401') && !JSON.stringify(error).includes('wrong-token-123')
      && !String(error.hint).includes('wrong-token-123'));
  });
});
