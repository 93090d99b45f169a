import { stringify } from 'yaml';

import { formatConfigTemplate } from '../generator/config-template.js';
import { manifestApiVersion, manifestKind } from '../manifest/manifest.js';

export interface DashboardManifestOptions {
  /** `metadata.name`: a DNS-1123 label. */
  readonly name: string;
  /** `metadata.namespace`; left out when undefined. */
  readonly namespace?: string;
  /** `spec.generator`, written as given. */
  readonly generator: string;
  /** The generator's config schema, for the config's comments and required keys. */
  readonly configSchema?: object;
  /** The generator's example config, the config's values. */
  readonly exampleConfig?: unknown;
  /** Comment lines put above the document, e.g. where the generator came from. */
  readonly comments?: readonly string[];
}

/**
 * Writes a Dashboard manifest for one generator: its config is the config template (the
 * example config's values, each key under its description), so the manifest renders as written
 * and shows what else the generator accepts.
 */
export function formatDashboardManifest(options: DashboardManifestOptions): string {
  const template = formatConfigTemplate(options.configSchema, {
    exampleConfig: options.exampleConfig,
  });
  const metadata = options.namespace === undefined
    ? { name: options.name }
    : { name: options.name, namespace: options.namespace };
  const head = stringify({
    apiVersion: manifestApiVersion,
    kind: manifestKind,
    metadata,
    spec: { generator: options.generator },
  }, { lineWidth: 0 });

  return [
    ...(options.comments ?? []).map((line) => `# ${line}`.trimEnd()),
    head.trimEnd(),
    configBlock(template),
  ].join('\n');
}

/** The template under `  config:`, indented as spec's child; `{}` stays on the key's line. */
function configBlock(template: string): string {
  if (template.trim() === '{}') {
    return '  config: {}\n';
  }
  const indented = template
    .trimEnd()
    .split('\n')
    .map((line) => (line === '' ? line : `    ${line}`));
  return ['  config:', ...indented, ''].join('\n');
}
