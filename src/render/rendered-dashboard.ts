import type { DashboardManifest } from '../manifest/manifest.js';

/** A dashboard JSON model, as a generator produced it (after DAWG's checks). */
export type DashboardModel = Readonly<Record<string, unknown>>;

export interface RenderedDashboard {
  readonly manifest: DashboardManifest;
  readonly uid: string;
  readonly title: string;
  /** The dashboard JSON written to out/, with `uid` set. */
  readonly dashboard: DashboardModel;
  /** `sha256:<hex>` of the generator module that produced it. */
  readonly generatorDigest: string;
  /** Path of the output file, relative to the output directory: `<namespace>/<name>.json`. */
  readonly outputPath: string;
}
