/**
 * The registry calls DAWG makes, on top of the auth, retry and plain HTTP layers
 * (distribution-spec: https://github.com/opencontainers/distribution-spec/blob/main/spec.md).
 * Pull: resolve a tag with HEAD, fetch a manifest, fetch a blob. Push: check, mount and upload
 * blobs, put a manifest. Every body is size-capped and every pulled byte is digest-checked.
 */
import { DawgError } from '../../errors.js';
import { sha256Digest } from '../digest.js';
import type { OciReference } from '../reference.js';
import { withAuth } from './auth-client.js';
import type { CredentialSource } from './credentials.js';
import {
  createHttpTransport,
  type HttpMethod,
  type HttpTransportOptions,
  type SendRequest,
} from './http-transport.js';
import { manifestAcceptHeader } from './media-types.js';
import { registryOrigin } from './plain-http.js';
import { formatOciReference } from './reference.js';
import { readRegistryError, registryFailure } from './registry-error.js';
import { readBody, readVerifiedBlob } from './read-body.js';
import { withRetry, type RetryOptions } from './retry.js';
import { uploadBlob, type UploadBlobOptions } from './upload-blob.js';

export interface RegistryClientOptions extends HttpTransportOptions {
  readonly credentials: CredentialSource;
  /** Retry delays are injected in tests. */
  readonly retry?: RetryOptions;
  /** Clock for token expiry. */
  readonly now?: () => number;
}

/** A manifest as fetched: its exact bytes, their digest, and the type the registry sent. */
export interface FetchedManifest {
  readonly digest: string;
  readonly mediaType: string | undefined;
  readonly bytes: Uint8Array;
}

/** What a repository is addressed by: a registry host and a repository path. */
export type RepositoryReference = Pick<OciReference, 'registry' | 'repository'>;

export interface CallOptions {
  readonly signal?: AbortSignal;
}

export interface RegistryClient {
  /** The digest a tag points to now (`HEAD …/manifests/<tag>`). */
  resolveTag(reference: OciReference & { tag: string }, options?: CallOptions): Promise<string>;
  /** A manifest by digest (verified) or by tag. */
  fetchManifest(
    repository: RepositoryReference,
    tagOrDigest: string,
    options?: CallOptions & { readonly shown?: string },
  ): Promise<FetchedManifest>;
  /** A blob, checked against the descriptor's digest and size. */
  fetchBlob(
    repository: RepositoryReference,
    descriptor: { readonly digest: string; readonly size: number },
    options?: CallOptions & { readonly what?: string },
  ): Promise<Uint8Array>;
  /** True when the repository already holds the blob. */
  hasBlob(
    repository: RepositoryReference,
    digest: string,
    options?: CallOptions,
  ): Promise<boolean>;
  /** Links a blob from another repository of the same registry; false when it could not. */
  mountBlob(
    repository: RepositoryReference,
    digest: string,
    options: CallOptions & { readonly from: string },
  ): Promise<boolean>;
  /** Uploads a blob, in one request or in chunks. */
  uploadBlob(
    repository: RepositoryReference,
    bytes: Uint8Array,
    options?: CallOptions & Pick<UploadBlobOptions, 'chunkSizeBytes'>,
  ): Promise<string>;
  /** Puts a manifest under a tag; resolves to its digest. */
  putManifest(
    repository: RepositoryReference,
    tag: string,
    manifest: { readonly bytes: Uint8Array; readonly mediaType: string },
    options?: CallOptions,
  ): Promise<string>;
}

/**
 * Registries must accept manifests of at least 4 MB (spec "Pushing Manifests");
 * distribution 2.8 refuses larger. A generator's manifest is under 1 KB.
 */
export const maxManifestBytes = 4 * 1024 * 1024;

/** Builds the client: plain HTTP, then retry, then auth, then these calls. */
export function createRegistryClient(options: RegistryClientOptions): RegistryClient {
  const transport = createHttpTransport(options);
  const retried = withRetry(transport, { ...options.retry, logger: options.logger });
  const send = withAuth(retried, {
    credentials: options.credentials,
    logger: options.logger,
    plainHttpHosts: options.plainHttpHosts,
    insecureHosts: options.insecureHosts,
    now: options.now,
  });
  const call = createCaller(send, options);

  return {
    async resolveTag(reference, callOptions = {}) {
      const path = `/v2/${reference.repository}/manifests/${reference.tag}`;
      const response = await call('HEAD', reference, path, {
        ...callOptions,
        headers: { accept: manifestAcceptHeader },
      });
      if (response.status !== 200) {
        throw await manifestFailure(call, reference, reference.tag, { response, method: 'HEAD' });
      }
      const digest = sha256Header(response);
      if (digest !== undefined) {
        return digest;
      }
      const fetched = await this.fetchManifest(reference, reference.tag, callOptions);
      return fetched.digest;
    },

    async fetchManifest(repository, tagOrDigest, callOptions = {}) {
      const path = `/v2/${repository.repository}/manifests/${tagOrDigest}`;
      const response = await call('GET', repository, path, {
        ...callOptions,
        headers: { accept: manifestAcceptHeader },
      });
      if (response.status !== 200) {
        throw await manifestFailure(call, repository, tagOrDigest, { response, method: 'GET' });
      }
      const what = `manifest ${shown(repository, tagOrDigest)}`;
      const bytes = await readBody(response, { maxBytes: maxManifestBytes, what });
      const digest = sha256Digest(bytes);
      const expected = tagOrDigest.startsWith('sha256:')
        ? tagOrDigest
        : sha256Header(response) ?? digest;
      if (digest !== expected) {
        throw new DawgError('REGISTRY_DIGEST_MISMATCH', `${what} has digest ${digest}, ` +
          `expected ${expected}`);
      }
      const mediaType = response.headers.get('content-type')?.split(';')[0]?.trim();
      return { digest, mediaType, bytes };
    },

    async fetchBlob(repository, descriptor, callOptions = {}) {
      const path = `/v2/${repository.repository}/blobs/${descriptor.digest}`;
      const what = callOptions.what ?? `blob ${descriptor.digest} of ${shown(repository)}`;
      const response = await call('GET', repository, path, callOptions);
      if (response.status !== 200) {
        throw await registryFailure(response, { method: 'GET', path, context: `${what} ` +
          'could not be downloaded' });
      }
      const { digest, size } = descriptor;
      return readVerifiedBlob(response, { digest, size, what });
    },

    async hasBlob(repository, digest, callOptions = {}) {
      const path = `/v2/${repository.repository}/blobs/${digest}`;
      const response = await call('HEAD', repository, path, { ...callOptions, push: true });
      if (response.status === 200 || response.status === 404) {
        await response.body?.cancel();
        return response.status === 200;
      }
      throw await registryFailure(response, { method: 'HEAD', path, context: shown(repository) });
    },

    async mountBlob(repository, digest, callOptions) {
      const path = `/v2/${repository.repository}/blobs/uploads/`;
      const query = new URLSearchParams({ mount: digest, from: callOptions.from });
      const response = await call('POST', repository, `${path}?${query.toString()}`, {
        ...callOptions,
        push: true,
        extraScopes: [`repository:${callOptions.from}:pull`],
      });
      const location = response.headers.get('location');
      if (response.status === 201 || (response.status === 202 && location !== null)) {
        await response.body?.cancel();
      }
      if (response.status === 201) {
        return true;
      }
      if (response.status === 202 && location !== null) {
        const session = new URL(location, registryOrigin(repository.registry, options));
        const cancelled = await call('DELETE', repository, session, {
          ...callOptions,
          push: true,
        });
        await cancelled.body?.cancel();
        return false;
      }
      throw await registryFailure(response, { method: 'POST', path, context: shown(repository) });
    },

    async uploadBlob(repository, bytes, callOptions = {}) {
      return uploadBlob({
        bytes,
        chunkSizeBytes: callOptions.chunkSizeBytes,
        signal: callOptions.signal,
        origin: registryOrigin(repository.registry, options),
        repository: repository.repository,
        send: (method, url, extra) => call(method, repository, url, { ...extra, push: true }),
      });
    },

    async putManifest(repository, tag, manifest, callOptions = {}) {
      const path = `/v2/${repository.repository}/manifests/${tag}`;
      const response = await call('PUT', repository, path, {
        ...callOptions,
        push: true,
        headers: { 'content-type': manifest.mediaType },
        body: manifest.bytes,
      });
      if (response.status !== 201 && response.status !== 200) {
        throw await registryFailure(response, { method: 'PUT', path, context: `pushing the ` +
          `manifest to ${shown(repository, tag)} failed` });
      }
      await response.body?.cancel().catch(() => undefined);
      return sha256Digest(manifest.bytes);
    },
  };
}

interface CallExtras extends CallOptions {
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Uint8Array;
  /** Ask for pull and push access instead of pull. */
  readonly push?: boolean;
  readonly extraScopes?: readonly string[];
}

export type Caller = (
  method: HttpMethod,
  repository: RepositoryReference,
  pathOrUrl: string | URL,
  extras?: CallExtras,
) => Promise<Response>;

function createCaller(send: SendRequest, options: RegistryClientOptions): Caller {
  return (method, repository, pathOrUrl, extras = {}) => {
    const actions = extras.push === true ? 'pull,push' : 'pull';
    const url = typeof pathOrUrl === 'string'
      ? new URL(pathOrUrl, registryOrigin(repository.registry, options))
      : pathOrUrl;
    return send({
      method,
      url,
      headers: extras.headers,
      body: extras.body,
      signal: extras.signal,
      scopes: [`repository:${repository.repository}:${actions}`, ...extras.extraScopes ?? []],
    });
  };
}

async function manifestFailure(
  call: Caller,
  repository: RepositoryReference,
  tagOrDigest: string,
  failed: { readonly response: Response; readonly method: HttpMethod },
): Promise<DawgError> {
  const { response, method } = failed;
  const path = `/v2/${repository.repository}/manifests/${tagOrDigest}`;
  if (response.status !== 404) {
    return registryFailure(response, { method, path, context: shown(repository, tagOrDigest) });
  }

  const details = await readRegistryError(response);
  if (/accept header/i.test(details.summary)) {
    return new DawgError('REGISTRY_MEDIA_TYPE', `${shown(repository, tagOrDigest)} is a ` +
      `manifest type DAWG does not accept (${method} ${path} → 404${details.summary})`);
  }
  const tags = await listTags(call, repository);
  if (tags === undefined) {
    return new DawgError('REGISTRY_NOT_FOUND', `repository ${repository.repository} does not ` +
      `exist on ${repository.registry} (${method} ${path} → 404${details.summary})`, {
      hint: 'check the repository path, or push the generator first with dawg push',
    });
  }
  const what = tagOrDigest.startsWith('sha256:') ? 'digest' : 'tag';
  return new DawgError('REGISTRY_NOT_FOUND', `${what} ${tagOrDigest} does not exist in ` +
    `${repository.registry}/${repository.repository} ` +
    `(${method} ${path} → 404${details.summary})`,
  { hint: tagHint(tags) });
}

/** `Docker-Content-Digest` when it is a sha256 digest, the only algorithm DAWG checks. */
function sha256Header(response: Response): string | undefined {
  const digest = response.headers.get('docker-content-digest');
  return digest !== null && /^sha256:[a-f0-9]{64}$/.test(digest) ? digest : undefined;
}

/** Tags shown in a "did you mean" hint; a repository may have thousands. */
const maxHintTags = 10;

async function listTags(
  call: Caller,
  repository: RepositoryReference,
): Promise<readonly string[] | undefined> {
  const response = await call('GET', repository, `/v2/${repository.repository}/tags/list?n=100`);
  const bytes = await readBody(response, { maxBytes: 1024 * 1024, what: 'tag list' })
    .catch(() => new Uint8Array());
  if (response.status === 404) {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(bytes));
    const tags = typeof parsed === 'object' && parsed !== null && 'tags' in parsed
      ? parsed.tags
      : [];
    return Array.isArray(tags) ? tags.filter((tag) => typeof tag === 'string') : [];
  } catch {
    return [];
  }
}

function tagHint(tags: readonly string[]): string {
  if (tags.length === 0) {
    return 'the repository has no tags';
  }
  const sorted = [...tags].sort();
  const shownTags = sorted.slice(0, maxHintTags).join(', ');
  const more = sorted.length > maxHintTags ? `, … (${sorted.length} in all)` : '';
  return `existing tags: ${shownTags}${more}`;
}

function shown(repository: RepositoryReference, tagOrDigest?: string): string {
  if (tagOrDigest === undefined) {
    return `oci://${repository.registry}/${repository.repository}`;
  }
  const isDigest = tagOrDigest.startsWith('sha256:');
  return `oci://${formatOciReference({
    ...repository,
    tag: isDigest ? undefined : tagOrDigest,
    digest: isDigest ? tagOrDigest : undefined,
  })}`;
}
