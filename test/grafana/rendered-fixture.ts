import type { DashboardManifest } from '../../src/manifest/manifest.js';
import type { RenderedDashboard } from '../../src/render/rendered-dashboard.js';

export interface RenderedFixtureOptions {
  readonly name: string;
  readonly namespace?: string;
  readonly folder?: string;
  readonly uid?: string;
  readonly title?: string;
  /** Extra dashboard JSON merged over a small default dashboard. */
  readonly dashboard?: Readonly<Record<string, unknown>>;
}

/** A RenderedDashboard as the render stage would hand it over, without running a generator. */
export function renderedDashboard(options: RenderedFixtureOptions): RenderedDashboard {
  const uid = options.uid ?? `${options.namespace ?? 'default'}_${options.name}`;
  const title = options.title ?? `Dashboard ${options.name}`;
  const manifest: DashboardManifest = {
    name: options.name,
    namespace: options.namespace,
    generator: 'file://generator.wasm',
    config: '{}',
    configValue: {},
    folder: options.folder,
    source: { file: `dashboards/${options.name}.yaml`, documentIndex: 0, line: 1, column: 1 },
    positions: new Map(),
  };

  return {
    manifest,
    uid,
    title,
    dashboard: {
      title,
      uid,
      schemaVersion: 39,
      tags: ['team'],
      panels: [
        { id: 1, type: 'timeseries', title: 'Requests', gridPos: { x: 0, y: 0, w: 12, h: 8 } },
      ],
      ...options.dashboard,
    },
    generatorDigest: `sha256:${'0'.repeat(64)}`,
    outputPath: `${options.namespace ?? 'default'}/${options.name}.json`,
  };
}
