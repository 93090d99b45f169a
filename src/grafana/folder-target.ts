/** Where a dashboard lives or should live. */
export interface FolderTarget {
  /** The folder uid; empty for the root ("General"). */
  readonly uid: string;
  /** For people: `General`, a title, or a title path such as `Team/Payments`. */
  readonly path: string;
}

/** A folder DAWG will create before the dashboards that go in it. */
export interface PlannedFolder {
  readonly uid: string;
  readonly title: string;
  /** Undefined at the root. */
  readonly parentUid: string | undefined;
  /** The title path from the root, e.g. `Team/Payments`. */
  readonly path: string;
  /** Levels below the root: 1 for a folder at the root. Parents are created first. */
  readonly depth: number;
}

/** The root, which Grafana's UI calls General. */
export const rootFolder: FolderTarget = { uid: '', path: 'General' };
