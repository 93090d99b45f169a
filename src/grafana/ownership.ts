import { createHash } from 'node:crypto';

import { DawgError } from '../errors.js';
import { isJsonObject } from './canonical-json.js';

/**
 * How DAWG marks the dashboards it writes, and how it reads that mark back from the live object.
 *
 * Two parts, because a save from Grafana's UI rebuilds the dashboard JSON from the fields the
 * UI knows and drops every other key:
 * - the tag `dawg:<source>` names the owning project. Tags survive a UI save, so ownership does
 *   too, and `GET /api/search?tag=` lists a project's dashboards in a few requests.
 * - the `__dawg` key holds the marker: the project, the manifest, and the hash of the content
 *   DAWG last wrote. A UI save drops it, which DAWG reports as drift (someone saved by hand).
 */

/** The dashboard JSON key that holds the marker. */
export const markerKey = '__dawg';

/** The ownership marker stored in an owned dashboard's JSON under `__dawg`. */
export interface OwnershipMarker {
  readonly tool: 'dawg';
  /** The project that owns the dashboard (`--source`). */
  readonly source: string;
  /** The manifest that renders it, as `namespace/name`. */
  readonly dashboard: string;
  /** The manifest file when it was last written, for people reading the JSON. */
  readonly file?: string;
  /** `sha256:<hex>` of the normalised content (and folder) DAWG last wrote. */
  readonly hash: string;
  /** The commit DAWG last wrote from, when known. */
  readonly commit?: string;
}

/** Who owns a live dashboard, as read from its own JSON. */
export type Ownership =
  /** This project. `marker` is undefined when only the tag survived (a UI save). */
  | { readonly owner: 'us'; readonly marker: OwnershipMarker | undefined }
  /** Another DAWG project: never touched, never pruned. */
  | { readonly owner: 'other-project'; readonly source: string }
  /** Nobody we know: made by hand or by another tool. */
  | { readonly owner: 'none' };

const tagPrefix = 'dawg:';
/** Grafana's SQL stores a tag in a 50-character column (`dashboard_tag.term`). */
const maxTagLength = 50;
/** Characters of the source kept readable in a shortened tag. */
const shortenedSourceLength = 32;
const tagHashLength = 8;
const maxSourceLength = 200;
const sourcePattern = /^[A-Za-z0-9][A-Za-z0-9._~:/@+-]*$/;

/** Throws USAGE unless `source` can name a project: no spaces, at most 200 characters. */
export function checkSourceIdentity(source: string): void {
  if (source.length <= maxSourceLength && sourcePattern.test(source)) {
    return;
  }
  throw new DawgError('USAGE', `source identity ${JSON.stringify(source)} is not usable`, {
    hint: 'use letters, digits and . _ ~ : / @ + -, at most 200 characters, e.g. '
      + 'github.com/acme/dashboards',
  });
}

/**
 * The tag that marks `source`'s dashboards: `dawg:<source>`, or, past 50 characters, the first
 * 32 characters of the source, `~` and 8 hex digits of its SHA-256.
 */
export function ownerTag(source: string): string {
  const tag = `${tagPrefix}${source}`;
  if (tag.length <= maxTagLength) {
    return tag;
  }

  const hash = createHash('sha256').update(source).digest('hex').slice(0, tagHashLength);
  return `${tagPrefix}${source.slice(0, shortenedSourceLength)}~${hash}`;
}

/** Reads who owns `model` (a live dashboard's JSON), from the point of view of `source`. */
export function readOwnership(model: unknown, options: { readonly source: string }): Ownership {
  const marker = readMarker(model);
  if (marker !== undefined) {
    return marker.source === options.source
      ? { owner: 'us', marker }
      : { owner: 'other-project', source: marker.source };
  }

  const tags = readTags(model);
  if (tags.includes(ownerTag(options.source))) {
    return { owner: 'us', marker: undefined };
  }
  const foreign = tags.find((tag) => tag.startsWith(tagPrefix));
  return foreign === undefined
    ? { owner: 'none' }
    : { owner: 'other-project', source: foreign.slice(tagPrefix.length) };
}

/** The marker in `model`, or undefined when it is missing or malformed. */
export function readMarker(model: unknown): OwnershipMarker | undefined {
  if (!isJsonObject(model)) {
    return undefined;
  }
  const value = model[markerKey];
  if (!isJsonObject(value) || value['tool'] !== 'dawg') {
    return undefined;
  }
  const { source, dashboard, file, hash, commit } = value;
  if (typeof source !== 'string' || typeof dashboard !== 'string' || typeof hash !== 'string') {
    return undefined;
  }

  return {
    tool: 'dawg',
    source,
    dashboard,
    hash,
    ...(typeof file === 'string' ? { file } : {}),
    ...(typeof commit === 'string' ? { commit } : {}),
  };
}

/** `model` with the owner tag added (once) to its tags. */
export function addOwnerTag(
  model: Readonly<Record<string, unknown>>,
  source: string,
): Record<string, unknown> {
  const tag = ownerTag(source);
  const tags = readTags(model);

  return { ...model, tags: tags.includes(tag) ? tags : [...tags, tag] };
}

/** `model` with `marker` stored under `__dawg`. */
export function stampMarker(
  model: Readonly<Record<string, unknown>>,
  marker: OwnershipMarker,
): Record<string, unknown> {
  return { ...model, [markerKey]: marker };
}

/** `model` without its marker: the part of a dashboard that is content. */
export function withoutMarker(model: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { [markerKey]: _marker, ...content } = model;
  return content;
}

function readTags(model: unknown): string[] {
  if (!isJsonObject(model) || !Array.isArray(model['tags'])) {
    return [];
  }
  return model['tags'].filter((tag): tag is string => typeof tag === 'string');
}
