import { readFile } from 'node:fs/promises';

import { DawgError } from '../errors.js';
import { gitHubValidators } from './schema.js';

/** The pull request a workflow run is for. */
export interface PullRequest {
  /** `owner/name`. */
  readonly repository: string;
  readonly number: number;
}

/** The events whose payload carries a pull request to comment on. */
const pullRequestEvents = ['pull_request', 'pull_request_target'];

export interface FindPullRequestOptions {
  /** `GITHUB_EVENT_NAME`. */
  readonly eventName: string | undefined;
  /** `GITHUB_EVENT_PATH`: the webhook payload the run was triggered by. */
  readonly eventPath: string | undefined;
  /** `GITHUB_REPOSITORY`. */
  readonly repository: string | undefined;
}

/**
 * The pull request the run is for, or undefined when the event is not a pull request event
 * (a push, a schedule, a manual run).
 *
 * @throws DawgError `GITHUB_API` when a pull request event's payload cannot be read.
 */
export async function findPullRequest(
  options: FindPullRequestOptions,
): Promise<PullRequest | undefined> {
  if (options.eventName === undefined || !pullRequestEvents.includes(options.eventName)) {
    return undefined;
  }
  if (options.eventPath === undefined || options.repository === undefined) {
    throw new DawgError(
      'GITHUB_API',
      `a ${options.eventName} run without GITHUB_EVENT_PATH or GITHUB_REPOSITORY`,
    );
  }

  const payload = await readPayload(options.eventPath);
  if (!gitHubValidators().pullRequestEvent(payload)) {
    throw new DawgError(
      'GITHUB_API',
      `${options.eventPath}: the ${options.eventName} payload has no pull_request.number`,
    );
  }
  return { repository: options.repository, number: payload.pull_request.number };
}

async function readPayload(eventPath: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(eventPath, 'utf8')) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DawgError('GITHUB_API', `cannot read the event payload: ${reason}`, {
      cause: error,
    });
  }
}
