import { readdir, readFile } from 'node:fs/promises';

import { DawgError } from '../errors.js';
import type { ScaffoldFile } from './scaffold-file.js';

/**
 * DAWG's AssemblyScript SDK in this installation: generators/sdk/assembly/ at the package
 * root, which is two folders above this module both in src/ and in the published dist/.
 */
const sdkFolder = new URL('../../generators/sdk/assembly/', import.meta.url);

/** Where the SDK goes inside a scaffold; its generator imports it from `./sdk`. */
const scaffoldSdkFolder = 'assembly/sdk';

/**
 * Reads the SDK's sources, to copy into an AssemblyScript scaffold: the scaffold then builds
 * on its own, with no path back to this installation, and its author may change the copy.
 * Throws INTERNAL when the installation lacks the SDK (the package was built without it).
 */
export async function readSdkFiles(): Promise<ScaffoldFile[]> {
  const names = await readdir(sdkFolder).catch((error: unknown) => {
    throw new DawgError('INTERNAL', 'this DAWG installation has no generators/sdk/assembly/, '
      + 'which an AssemblyScript scaffold copies', {
      hint: 'reinstall DAWG; the C scaffold (--lang c) does not need it',
      cause: error,
    });
  });
  const sources = names.filter((name) => name.endsWith('.ts')).sort();

  return Promise.all(sources.map(async (name) => ({
    path: `${scaffoldSdkFolder}/${name}`,
    content: await readFile(new URL(name, sdkFolder), 'utf8'),
  })));
}
