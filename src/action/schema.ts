import { Ajv, type JSONSchemaType, type ValidateFunction } from 'ajv';

/**
 * The parts of GitHub's data that the Action reads: issue comments (REST API, "Issue
 * comments"), error bodies, and the pull_request event payload. Tolerant with the server: only
 * the fields used are described and extra fields are allowed.
 */

export interface CommentBody {
  readonly id: number;
  /** Missing when a comment has no text. */
  readonly body?: string;
  readonly html_url?: string;
}

export interface GitHubErrorBody {
  readonly message?: string;
  readonly documentation_url?: string;
}

export interface PullRequestEventBody {
  readonly pull_request: { readonly number: number };
}

const optionalString = { type: 'string', nullable: true } as const;

const commentProperties = {
  id: { type: 'number' },
  body: optionalString,
  html_url: optionalString,
} as const;

const commentSchema: JSONSchemaType<CommentBody> = {
  type: 'object',
  properties: commentProperties,
  required: ['id'],
};

const commentsSchema: JSONSchemaType<CommentBody[]> = {
  type: 'array',
  items: { type: 'object', properties: commentProperties, required: ['id'] },
};

const errorSchema: JSONSchemaType<GitHubErrorBody> = {
  type: 'object',
  properties: { message: optionalString, documentation_url: optionalString },
};

const pullRequestEventSchema: JSONSchemaType<PullRequestEventBody> = {
  type: 'object',
  properties: {
    pull_request: {
      type: 'object',
      properties: { number: { type: 'integer', minimum: 1 } },
      required: ['number'],
    },
  },
  required: ['pull_request'],
};

/** The compiled validators, built on first use so that importing this module costs nothing. */
export interface GitHubValidators {
  readonly comment: ValidateFunction<CommentBody>;
  readonly comments: ValidateFunction<CommentBody[]>;
  readonly error: ValidateFunction<GitHubErrorBody>;
  readonly pullRequestEvent: ValidateFunction<PullRequestEventBody>;
}

let compiled: GitHubValidators | undefined;

export function gitHubValidators(): GitHubValidators {
  if (compiled !== undefined) {
    return compiled;
  }
  const ajv = new Ajv({ allErrors: false, strict: true });
  compiled = {
    comment: ajv.compile(commentSchema),
    comments: ajv.compile(commentsSchema),
    error: ajv.compile(errorSchema),
    pullRequestEvent: ajv.compile(pullRequestEventSchema),
  };
  return compiled;
}
