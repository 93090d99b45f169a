/** k8s namespaces name orgs: `default` is org 1, `org-<id>` any other (research note §1.2). */

/** The org a namespace names, or undefined for a namespace that names none. */
export function parseNamespace(namespace: string): number | undefined {
  if (namespace === 'default') {
    return 1;
  }
  const match = /^org-([1-9]\d*)$/.exec(namespace);

  return match === null ? undefined : Number(match[1]);
}

/** The namespace of an org. */
export function formatNamespace(orgId: number): string {
  return orgId === 1 ? 'default' : `org-${orgId}`;
}
