/** The Dashboard manifest as DAWG uses it after parsing and validation. */

export const manifestApiVersion = 'dawg.urcloud.cc/v1';
export const manifestKind = 'Dashboard';

/** Where a manifest came from: a file and document, or a custom resource in a cluster. */
export interface ManifestSource {
  /** File path relative to the working directory (or, for a custom resource, where it lives). */
  readonly file: string;
  /** 0-based index of the YAML document in the file. */
  readonly documentIndex: number;
  /** 1-based line where the document starts. */
  readonly line: number;
  /** 1-based column where the document starts. */
  readonly column: number;
}

/** A 1-based line and column in the manifest's file. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface DashboardManifest {
  readonly name: string;
  /** `metadata.namespace`; undefined when the manifest has none (written to `out/default/`). */
  readonly namespace: string | undefined;
  /** `spec.generator` exactly as written. */
  readonly generator: string;
  /** `spec.config` as the text the generator receives on stdin or at /dawg/input. */
  readonly config: string;
  /** The config as data when the manifest wrote it as a mapping, else undefined. */
  readonly configValue: unknown;
  /** `spec.folder`: a folder uid, title, or slash-separated path of titles. */
  readonly folder: string | undefined;
  readonly source: ManifestSource;
  /**
   * Positions of the document's nodes, keyed by JSON pointer (`/spec/config/panels/0`), so
   * later stages (config validation) can point at the exact key. Empty in kube mode.
   */
  readonly positions: ReadonlyMap<string, Position>;
  /**
   * Where the first line of a literal block scalar config (`config: |`) is in the file, at the
   * block's indentation, so that config validation can point inside the string. Undefined for
   * a mapping, another string style, or in kube mode.
   */
  readonly configBlock?: Position;
}

/** `namespace/name`, the key that identifies a manifest in logs, reports and out/. */
export function manifestKey(manifest: Pick<DashboardManifest, 'name' | 'namespace'>): string {
  return `${manifest.namespace ?? 'default'}/${manifest.name}`;
}
