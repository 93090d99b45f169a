import path from 'node:path';

import type { DawgError } from '../errors.js';

/** One error annotation, in the shape `core.error(message, properties)` takes. */
export interface Annotation {
  readonly message: string;
  readonly title: string;
  /** Relative to the repository root, which is how GitHub matches it to the diff. */
  readonly file: string | undefined;
  readonly startLine: number | undefined;
  readonly startColumn: number | undefined;
}

/** A failed item of a run: a manifest, a generator, a dashboard. */
export interface AnnotatedFailure {
  /** `namespace/name`, when known. */
  readonly dashboard: string | undefined;
  readonly error: DawgError;
}

export interface ToAnnotationsOptions {
  /** The repository root (`GITHUB_WORKSPACE`). */
  readonly workspace: string;
  /** The folder that error locations are relative to: the working directory. */
  readonly cwd: string;
}

/**
 * One annotation per failure, on the file, line and column the error points at, so that a
 * broken manifest is marked on its line in the pull request's diff.
 */
export function toAnnotations(
  failures: readonly AnnotatedFailure[],
  options: ToAnnotationsOptions,
): Annotation[] {
  return failures.map((failure) => {
    const location = failure.error.location;
    const hint = failure.error.hint === undefined ? '' : `\nhint: ${failure.error.hint}`;
    const dashboard = failure.dashboard === undefined ? '' : `${failure.dashboard}: `;

    return {
      message: `${dashboard}${failure.error.message}${hint}`,
      title: `DAWG ${failure.error.code}`,
      file: location?.file === undefined ? undefined : repositoryPath(location.file, options),
      startLine: location?.line,
      startColumn: location?.line === undefined ? undefined : location.column,
    };
  });
}

function repositoryPath(file: string, options: ToAnnotationsOptions): string {
  const relative = path.relative(options.workspace, path.resolve(options.cwd, file));
  return relative.split(path.sep).join('/');
}
