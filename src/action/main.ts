import * as core from '@actions/core';

import { formatError, toDawgError } from '../errors.js';
import { runAction } from './run-action.js';

/**
 * The Action's entry: runs it and marks the step failed when it fails or cannot start. The
 * bundle calls this; importing the module does nothing.
 */
export async function main(): Promise<void> {
  try {
    const outcome = await runAction();
    if (outcome.status === 'failed') {
      core.setFailed(outcome.reason);
    }
  } catch (error) {
    core.setFailed(formatError(toDawgError(error)));
  }
}
