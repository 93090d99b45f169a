/** Grafana keeps at most 500 characters of a version message (grafana-api.md §2.1, §9). */
export const maxVersionMessageLength = 500;

/** What a version message names. */
export interface VersionMessageParts {
  /** The manifest, as `namespace/name`. */
  readonly dashboard: string;
  readonly file: string;
  /** The commit being applied, when known. */
  readonly commit?: string;
  /** The user's own note (`--message`). */
  readonly note?: string;
}

/**
 * The version-history note of a DAWG write: `dawg: shop/checkout from dashboards/shop.yaml at
 * 3f1c9a2b0d4e`, then the user's note, cut to Grafana's 500 characters.
 */
export function buildVersionMessage(parts: VersionMessageParts): string {
  const commit = parts.commit === undefined ? '' : ` at ${parts.commit.slice(0, 12)}`;
  const trimmed = parts.note?.trim() ?? '';
  const note = trimmed === '' ? '' : `: ${trimmed}`;
  const message = `dawg: ${parts.dashboard} from ${parts.file}${commit}${note}`;

  return message.length <= maxVersionMessageLength
    ? message
    : `${message.slice(0, maxVersionMessageLength - 1)}…`;
}
