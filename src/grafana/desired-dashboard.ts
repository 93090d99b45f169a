import { manifestKey } from '../manifest/manifest.js';
import type { RenderedDashboard } from '../render/rendered-dashboard.js';
import { contentHash } from './content-hash.js';
import type { FolderTarget } from './folder-target.js';
import { normaliseDashboard, type NormalisedDashboard } from './normalise.js';
import { addOwnerTag, stampMarker, type OwnershipMarker } from './ownership.js';

/** A rendered dashboard as DAWG would write it: with its owner tag, marker and folder. */
export interface DesiredDashboard {
  readonly uid: string;
  readonly title: string;
  /** The manifest, as `namespace/name`. */
  readonly dashboard: string;
  /** The manifest file. */
  readonly file: string;
  readonly folder: FolderTarget;
  /** Normalised content, the side of the comparison DAWG wants. */
  readonly content: NormalisedDashboard;
  /** `contentHash` of `content` and the folder. */
  readonly hash: string;
  readonly marker: OwnershipMarker;
  /** The JSON to post, without `id` and `version` (apply adds the live version). */
  readonly model: Readonly<Record<string, unknown>>;
}

/** Options of `prepareDesiredDashboard`. */
export interface PrepareDesiredOptions {
  /** The project identity written into the marker and the owner tag. */
  readonly source: string;
  /** The commit being applied, when known. */
  readonly commit?: string;
  /** The server's `min_refresh_interval`. Default `5s`. */
  readonly minRefreshInterval?: string;
}

/** Adds the owner tag and the marker to `rendered` and computes what a comparison needs. */
export function prepareDesiredDashboard(
  rendered: RenderedDashboard,
  folder: FolderTarget,
  options: PrepareDesiredOptions,
): DesiredDashboard {
  const { id: _id, version: _version, ...withoutServerKeys } = rendered.dashboard;
  const tagged = addOwnerTag(withoutServerKeys, options.source);
  const content = normaliseDashboard(tagged, options);
  const hash = contentHash(content, folder.uid);
  const dashboard = manifestKey(rendered.manifest);
  const marker: OwnershipMarker = {
    tool: 'dawg',
    source: options.source,
    dashboard,
    file: rendered.manifest.source.file,
    hash,
    ...(options.commit === undefined ? {} : { commit: options.commit }),
  };

  return {
    uid: rendered.uid,
    title: rendered.title,
    dashboard,
    file: rendered.manifest.source.file,
    folder,
    content,
    hash,
    marker,
    model: stampMarker(tagged, marker),
  };
}
