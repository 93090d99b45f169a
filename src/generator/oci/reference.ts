/**
 * OCI generator references: `host[:port]/repository[:tag][@sha256:<hex>]`, the text after
 * `oci://` or `registry://`. Names follow the distribution spec's grammar
 * (https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-manifests).
 */
import { DawgError } from '../../errors.js';
import type { OciReference } from '../reference.js';

/** The host DAWG talks to for Docker Hub, whatever alias the reference used. */
export const dockerHubRegistry = 'registry-1.docker.io';

/** Names a user may write for Docker Hub; all of them mean `dockerHubRegistry`. */
const dockerHubAliases: ReadonlySet<string> = new Set([
  'docker.io',
  'index.docker.io',
  'registry-1.docker.io',
]);

/** Tag used when a reference names neither a tag nor a digest, as Docker does. */
export const defaultTag = 'latest';

/** Clients commonly cap `host/repository` at 255 characters; registries reject longer names. */
const maxNameLength = 255;

const repositoryPattern =
  /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/;
const tagPattern = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const digestPattern = /^sha256:[a-f0-9]{64}$/;
const hostNamePattern = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9-]+)*';
const hostPattern = new RegExp(`^(?:\\[[0-9A-Fa-f:.]+\\]|${hostNamePattern})(?::\\d{1,5})?$`);

/**
 * Parses the text after `oci://` (or `registry://`) into an OciReference.
 *
 * A first path segment without a dot or a port (and other than `localhost`) is a Docker Hub
 * repository, as in `docker pull`: `oci://foo` is `registry-1.docker.io/library/foo:latest`.
 * Without a tag or digest the tag is `latest`. When both are given the digest decides what
 * is pulled and the tag is kept for messages.
 *
 * @throws DawgError `GENERATOR_REFERENCE` naming the part that is wrong.
 */
export function parseOciReference(text: string): OciReference {
  const shown = `oci://${text}`;
  if (text === '') {
    throw referenceError(shown, 'names no registry or repository');
  }

  const [withoutDigest, digest] = splitDigest(text, shown);
  const [name, tag] = splitTag(withoutDigest);
  const { registry, repository } = splitRegistry(name);
  checkParts({ shown, registry, repository, tag, digest });

  return {
    registry,
    repository,
    tag: tag ?? (digest === undefined ? defaultTag : undefined),
    digest,
  };
}

/** Writes a reference back as text, without a scheme: `host/repository[:tag][@digest]`. */
export function formatOciReference(reference: OciReference): string {
  const tag = reference.tag === undefined ? '' : `:${reference.tag}`;
  const digest = reference.digest === undefined ? '' : `@${reference.digest}`;
  return `${reference.registry}/${reference.repository}${tag}${digest}`;
}

/** True when the reference is pinned to a digest, so its content can never change. */
export function isDigestReference(reference: OciReference): boolean {
  return reference.digest !== undefined;
}

function splitDigest(text: string, shown: string): [string, string | undefined] {
  const at = text.indexOf('@');
  if (at === -1) {
    return [text, undefined];
  }
  const digest = text.slice(at + 1);
  if (!digestPattern.test(digest)) {
    throw referenceError(shown, `has digest "${digest}"; expected sha256: and 64 hex digits`);
  }
  return [text.slice(0, at), digest];
}

function splitTag(name: string): [string, string | undefined] {
  const lastSlash = name.lastIndexOf('/');
  const colon = name.indexOf(':', lastSlash + 1);
  if (colon === -1) {
    return [name, undefined];
  }
  return [name.slice(0, colon), name.slice(colon + 1)];
}

function splitRegistry(name: string): { registry: string; repository: string } {
  const slash = name.indexOf('/');
  const first = slash === -1 ? name : name.slice(0, slash);
  const looksLikeHost = slash !== -1 &&
    (first.includes('.') || first.includes(':') || first.startsWith('[') || first === 'localhost');

  if (!looksLikeHost) {
    return { registry: dockerHubRegistry, repository: dockerHubRepository(name) };
  }
  const rest = name.slice(slash + 1);
  if (dockerHubAliases.has(first)) {
    return { registry: dockerHubRegistry, repository: dockerHubRepository(rest) };
  }
  return { registry: first, repository: rest };
}

function dockerHubRepository(path: string): string {
  return path.includes('/') ? path : `library/${path}`;
}

interface ReferenceParts {
  readonly shown: string;
  readonly registry: string;
  readonly repository: string;
  readonly tag: string | undefined;
  readonly digest: string | undefined;
}

function checkParts(parts: ReferenceParts): void {
  const { shown, registry, repository, tag } = parts;
  if (!hostPattern.test(registry)) {
    throw referenceError(shown, `has registry host "${registry}", which is not a host name`);
  }
  if (repository === '') {
    throw referenceError(shown, 'names no repository after the registry host');
  }
  if (!repositoryPattern.test(repository)) {
    throw referenceError(shown, `has repository "${repository}"`, {
      hint: 'repositories are lower-case letters, digits and . _ - separated by /',
    });
  }
  if (registry.length + 1 + repository.length > maxNameLength) {
    throw referenceError(shown, `is longer than ${maxNameLength} characters before the tag`);
  }
  if (tag !== undefined && !tagPattern.test(tag)) {
    throw referenceError(shown, `has tag "${tag}"`, {
      hint: 'tags are up to 128 letters, digits, _ . - and do not start with . or -',
    });
  }
}

function referenceError(
  shown: string,
  problem: string,
  options: { readonly hint?: string } = {},
): DawgError {
  return new DawgError('GENERATOR_REFERENCE', `generator reference ${shown} ${problem}`, {
    hint: options.hint ?? 'write oci://<host>[:<port>]/<repository>:<tag> or …@sha256:<digest>',
  });
}
