import { DawgError } from '../errors.js';
import { manifestKey } from './manifest.js';
import type { ManifestOutcome } from './parse-manifests.js';

/**
 * Two manifests with one namespace/name would write the same output file and fight over one
 * dashboard: every one of them fails, each naming the others.
 */
export function rejectDuplicateManifests(outcomes: readonly ManifestOutcome[]): ManifestOutcome[] {
  const byKey = new Map<string, number>();
  for (const outcome of outcomes) {
    if (outcome.status === 'parsed') {
      const key = manifestKey(outcome.manifest);
      byKey.set(key, (byKey.get(key) ?? 0) + 1);
    }
  }

  return outcomes.map((outcome) => {
    if (outcome.status === 'failed' || byKey.get(manifestKey(outcome.manifest)) === 1) {
      return outcome;
    }
    const key = manifestKey(outcome.manifest);
    const others = outcomes
      .filter((other) => other !== outcome && other.status === 'parsed'
        && manifestKey(other.manifest) === key)
      .map((other) => (other.status === 'parsed' ? other.manifest.source : other.source))
      .map((source) => `${source.file}:${source.line}`);
    const { source } = outcome.manifest;
    const error = new DawgError(
      'MANIFEST_DUPLICATE',
      `dashboard ${key} is also defined in ${others.join(', ')}`,
      {
        hint: 'each manifest needs its own metadata.namespace/metadata.name',
        location: {
          ...source,
          ...outcome.manifest.positions.get('/metadata/name'),
          field: 'metadata.name',
        },
      },
    );
    return { status: 'failed', source, error };
  });
}
