import type { OwnershipMarker } from './ownership.js';

/**
 * How an owned dashboard compares three ways: what DAWG last applied (the hash in the live
 * marker), what Grafana holds now (the live hash) and what was rendered now (the desired hash).
 */
export type OwnedComparison =
  /** Live content and marker are what DAWG would write: nothing to do. */
  | { readonly state: 'in-sync' }
  /** Live content is right, the marker is stale (manifest renamed, marker lost): rewrite it. */
  | { readonly state: 'marker-outdated' }
  /** Nobody touched it since DAWG wrote it; the source changed: an ordinary update. */
  | { readonly state: 'source-changed' }
  /**
   * Someone changed it in Grafana since DAWG wrote it. `sourceChanged` says whether the
   * rendered dashboard moved on too; undefined when the marker was lost and DAWG cannot tell.
   */
  | { readonly state: 'drifted'; readonly sourceChanged: boolean | undefined };

/** The three sides `compareOwned` compares. */
export interface OwnedHashes {
  /** The live marker; undefined when a UI save removed it (the owner tag survived). */
  readonly marker: OwnershipMarker | undefined;
  readonly liveHash: string;
  readonly desiredHash: string;
  /** The marker DAWG would write now, compared field by field except `commit` and `file`. */
  readonly desiredMarker: OwnershipMarker;
}

/** Classifies an owned dashboard; pure, so that every case has a unit test. */
export function compareOwned(hashes: OwnedHashes): OwnedComparison {
  const { marker, liveHash, desiredHash } = hashes;
  if (liveHash === desiredHash) {
    return isSameMarker(marker, hashes.desiredMarker)
      ? { state: 'in-sync' }
      : { state: 'marker-outdated' };
  }
  if (marker === undefined) {
    return { state: 'drifted', sourceChanged: undefined };
  }

  if (liveHash === marker.hash) {
    return { state: 'source-changed' };
  }
  return { state: 'drifted', sourceChanged: desiredHash !== marker.hash };
}

function isSameMarker(live: OwnershipMarker | undefined, desired: OwnershipMarker): boolean {
  return live !== undefined
    && live.source === desired.source
    && live.dashboard === desired.dashboard
    && live.hash === desired.hash;
}
