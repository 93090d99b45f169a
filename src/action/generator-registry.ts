import path from 'node:path';

import { defaultLockFileName } from '../generator/lock-file.js';
import { createOciResolver, type OciResolver } from '../generator/oci/resolver.js';
import type { MaskingLogger } from '../log.js';
import type { ActionInputs } from './inputs.js';

/**
 * Where oci:// generators come from, as `dawg render` sets it up: the lock file
 * `dawg-lock.json` in the working directory when it exists, credentials from `DAWG_REGISTRY_*`
 * variables or the Docker config (which `docker/login-action` writes), the user cache folder.
 * Credentials are masked through the logger as soon as they are read.
 */
export function createActionRegistry(inputs: ActionInputs, logger: MaskingLogger): OciResolver {
  return createOciResolver({
    lockFile: path.join(inputs.workingDirectory, defaultLockFileName),
    frozenLock: inputs.frozenLock,
    logger,
  });
}
