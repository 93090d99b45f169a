/** Grafana release numbers, as `/api/health` reports them ("12.0.1", "11.3.0-pre+security"). */

/** A Grafana release as major, minor and patch. */
export interface GrafanaVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

/**
 * The oldest Grafana DAWG talks to: `folderUid` on saves, `/api/folders/:uid` and the search
 * parameters it uses all exist from 9.0 on.
 */
export const minimumGrafanaVersion: GrafanaVersion = { major: 9, minor: 0, patch: 0 };

/** Nested folders (a `spec.folder` path such as `Team/Payments`) are on by default from 11.0. */
export const nestedFoldersVersion: GrafanaVersion = { major: 11, minor: 0, patch: 0 };

const versionPattern = /^v?(\d+)\.(\d+)(?:\.(\d+))?/;

/** The release in `text`, or undefined when it does not start with `major.minor`. */
export function parseGrafanaVersion(text: string | undefined): GrafanaVersion | undefined {
  const match = versionPattern.exec(text?.trim() ?? '');
  if (match === null) {
    return undefined;
  }
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3] ?? '0') };
}

/** True when `version` is `minimum` or later. */
export function isAtLeast(version: GrafanaVersion, minimum: GrafanaVersion): boolean {
  if (version.major !== minimum.major) {
    return version.major > minimum.major;
  }
  if (version.minor !== minimum.minor) {
    return version.minor > minimum.minor;
  }
  return version.patch >= minimum.patch;
}

/** `12.0.1`. */
export function formatGrafanaVersion(version: GrafanaVersion): string {
  return `${version.major}.${version.minor}.${version.patch}`;
}
