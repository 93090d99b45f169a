import { createHash } from 'node:crypto';

/** Grafana's rule for dashboard uids (grafana-api.md §2.3). */
const grafanaUidPattern = /^[A-Za-z0-9_-]{1,40}$/;
const maxUidLength = 40;
/** Hex digits of the hash that keeps a shortened uid unique. */
const hashLength = 8;

export function isValidGrafanaUid(value: string): boolean {
  return grafanaUidPattern.test(value);
}

/**
 * The uid DAWG gives a dashboard whose generator set none: the name for the default namespace,
 * `<namespace>_<name>` otherwise. Names and namespaces are DNS-1123 labels, which never hold
 * `_`, so two manifests never derive the same uid. Past 40 characters the uid keeps its first
 * 31 characters, a `-`, and 8 hex digits of the SHA-256 of `<namespace>/<name>`.
 */
export function deriveDashboardUid(namespace: string | undefined, name: string): string {
  const effective = namespace ?? 'default';
  const readable = effective === 'default' ? name : `${effective}_${name}`;
  if (readable.length <= maxUidLength) {
    return readable;
  }

  const hash = createHash('sha256').update(`${effective}/${name}`).digest('hex');
  const keep = maxUidLength - hashLength - 1;
  return `${readable.slice(0, keep)}-${hash.slice(0, hashLength)}`;
}
