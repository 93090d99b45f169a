import { DawgError } from '../errors.js';
import { fitText } from './fit-text.js';
import type { GitHubClient } from './github-client.js';
import { gitHubValidators, type CommentBody } from './schema.js';

/**
 * One comment per pull request that each run rewrites, found again by a hidden HTML marker in
 * its body (GitHub REST API, "Issue comments": list, create, update).
 */

/** The hidden line that marks DAWG's comment. Invisible in the rendered comment. */
export const defaultCommentMarker = '<!-- dawg-plan -->';

/** GitHub rejects comment bodies longer than this many characters. */
export const maxCommentCharacters = 65_536;
/** 100 is the largest page the API serves. */
const pageSize = 100;
/** 50 pages of 100 comments: more than any pull request holds, and a bound on a bad server. */
const maxPages = 50;
/** Ends a report cut to fit. */
const defaultTruncatedNote = '\n\n*The report was cut to fit in a comment; the job summary has '
  + 'all of it.*\n';

export interface UpsertStickyCommentOptions {
  readonly client: GitHubClient;
  /** `owner/name`, as in `GITHUB_REPOSITORY`. */
  readonly repository: string;
  /** The pull request's number (pull requests are issues to this API). */
  readonly issueNumber: number;
  /** Markdown. Cut to fit GitHub's limit, with `truncatedNote` at the end. */
  readonly body: string;
  /** Default `defaultCommentMarker`. */
  readonly marker?: string;
  /** Appended when the body was cut. Default: a line saying the report was cut. */
  readonly truncatedNote?: string;
}

export type StickyCommentOutcome =
  | { readonly status: 'created'; readonly id: number; readonly url: string | undefined }
  | { readonly status: 'updated'; readonly id: number; readonly url: string | undefined }
  /** The comment already said exactly this, so it was left alone. */
  | { readonly status: 'unchanged'; readonly id: number; readonly url: string | undefined };

/**
 * Updates the pull request's comment that carries the marker, or creates it when there is
 * none. When several carry it (two runs that raced), the oldest is updated.
 *
 * @throws DawgError `GITHUB_API` when a call fails, e.g. 403 for a read-only token.
 */
export async function upsertStickyComment(
  options: UpsertStickyCommentOptions,
): Promise<StickyCommentOutcome> {
  const marker = options.marker ?? defaultCommentMarker;
  const body = fitText(`${marker}\n${options.body}`, {
    maxCharacters: maxCommentCharacters,
    note: options.truncatedNote ?? defaultTruncatedNote,
  });
  const issuePath = `/repos/${options.repository}/issues`;

  const existing = await findMarkedComment(options, marker);
  if (existing === undefined) {
    const created = await options.client.request({
      method: 'POST',
      path: `${issuePath}/${options.issueNumber}/comments`,
      body: { body },
    });
    const comment = checkComment(created.body, 'POST');
    return { status: 'created', id: comment.id, url: comment.html_url };
  }
  if (existing.body === body) {
    return { status: 'unchanged', id: existing.id, url: existing.html_url };
  }

  const updated = await options.client.request({
    method: 'PATCH',
    path: `${issuePath}/comments/${existing.id}`,
    body: { body },
  });
  const comment = checkComment(updated.body, 'PATCH');
  return { status: 'updated', id: comment.id, url: comment.html_url };
}

/** The oldest comment whose first line is the marker, or undefined. */
async function findMarkedComment(
  options: UpsertStickyCommentOptions,
  marker: string,
): Promise<CommentBody | undefined> {
  const validate = gitHubValidators().comments;
  const path = `/repos/${options.repository}/issues/${options.issueNumber}/comments`;

  for (let page = 1; page <= maxPages; page += 1) {
    const response = await options.client.request({
      method: 'GET',
      path,
      query: { per_page: pageSize, page },
    });
    if (!validate(response.body)) {
      throw new DawgError('GITHUB_API', `GitHub API GET ${path} did not answer a comment list`);
    }
    const found = response.body.find((comment) => isMarked(comment, marker));
    if (found !== undefined || response.body.length < pageSize) {
      return found;
    }
  }

  throw new DawgError('GITHUB_API', `GitHub API GET ${path} returned more than ${maxPages} pages`);
}

function isMarked(comment: CommentBody, marker: string): boolean {
  return comment.body?.split(/\r?\n/, 1)[0] === marker;
}

function checkComment(body: unknown, method: string): CommentBody {
  if (!gitHubValidators().comment(body)) {
    throw new DawgError('GITHUB_API', `GitHub API ${method} of a comment did not answer one`);
  }
  return body;
}
