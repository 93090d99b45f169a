import { contentHash } from './content-hash.js';
import type { FolderTarget } from './folder-target.js';
import {
  normaliseDashboard,
  type NormaliseOptions,
  type NormalisedDashboard,
} from './normalise.js';
import { readOwnership, type Ownership } from './ownership.js';
import type { DashboardBody } from './schema.js';

/** A dashboard as Grafana holds it now, read by uid. */
export interface LiveDashboard {
  readonly uid: string;
  readonly title: string;
  /** The version to send back for optimistic locking. */
  readonly version: number;
  readonly folder: FolderTarget;
  /** Saved from a provisioning file that forbids API and UI saves. */
  readonly provisioned: boolean;
  /** Normalised content, the side of the comparison Grafana holds. */
  readonly content: NormalisedDashboard;
  /** `contentHash` of `content` and the folder. */
  readonly hash: string;
  /** Read from this JSON, never assumed from local files. */
  readonly ownership: Ownership;
}

/** Options of `readLiveDashboard`. */
export interface ReadLiveOptions extends NormaliseOptions {
  /** The project identity ownership is judged from. */
  readonly source: string;
}

/** Turns `GET /api/dashboards/uid/:uid` into what planning compares. */
export function readLiveDashboard(body: DashboardBody, options: ReadLiveOptions): LiveDashboard {
  const model = body.dashboard;
  const folderUid = body.meta.folderUid ?? '';
  const folder: FolderTarget = {
    uid: folderUid,
    path: folderUid === '' ? 'General' : body.meta.folderTitle ?? folderUid,
  };
  const content = normaliseDashboard(model, options);

  return {
    uid: typeof model['uid'] === 'string' ? model['uid'] : '',
    title: typeof model['title'] === 'string' ? model['title'] : '',
    version: body.meta.version ?? (typeof model['version'] === 'number' ? model['version'] : 0),
    folder,
    provisioned: body.meta.provisioned === true,
    content,
    hash: contentHash(content, folderUid),
    ownership: readOwnership(model, options),
  };
}
