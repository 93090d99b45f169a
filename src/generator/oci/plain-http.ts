/**
 * Which registries DAWG talks to over plain HTTP. HTTPS is the rule; loopback registries
 * (`localhost`, `*.localhost`, 127.0.0.0/8, ::1) get plain HTTP, as Docker treats them as
 * insecure by default; any other host only when the user lists it. A host listed as insecure
 * (TLS without certificate checks) keeps HTTPS, even on loopback.
 */

/** Options deciding the scheme for a registry host. */
export interface SchemeOptions {
  /** Extra `host[:port]` entries (or bare hosts, any port) to reach over plain HTTP. */
  readonly plainHttpHosts?: readonly string[];
  /** Hosts reached over HTTPS without certificate checks; they never use plain HTTP. */
  readonly insecureHosts?: readonly string[];
}

/** True for hosts that never leave this machine. `host` may carry a port. */
export function isLoopbackHost(host: string): boolean {
  const name = hostName(host).toLowerCase();
  return name === 'localhost' ||
    name.endsWith('.localhost') ||
    name === '::1' ||
    /^127(?:\.\d{1,3}){3}$/.test(name);
}

/** True when `registry` (`host[:port]`) is reached over plain HTTP. */
export function usesPlainHttp(registry: string, options: SchemeOptions = {}): boolean {
  if (isListed(registry, options.insecureHosts ?? [])) {
    return false;
  }
  if (isLoopbackHost(registry)) {
    return true;
  }
  return isListed(registry, options.plainHttpHosts ?? []);
}

/** True when `registry` matches an entry: exactly, or by host name when the entry has no port. */
export function isListed(registry: string, entries: readonly string[]): boolean {
  const wanted = registry.toLowerCase();
  return entries.some((entry) => {
    const listed = entry.toLowerCase();
    return listed === wanted || (!hasPort(listed) && listed === hostName(wanted));
  });
}

/** `http://host[:port]` or `https://host[:port]` for a registry. */
export function registryOrigin(registry: string, options: SchemeOptions = {}): string {
  return `${usesPlainHttp(registry, options) ? 'http' : 'https'}://${registry}`;
}

function hostName(host: string): string {
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    return end === -1 ? host : host.slice(1, end);
  }
  const colon = host.lastIndexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

function hasPort(host: string): boolean {
  return hostName(host) !== host;
}
