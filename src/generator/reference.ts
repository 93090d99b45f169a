import path from 'node:path';

import { DawgError } from '../errors.js';
import { parseOciReference } from './oci/reference.js';

/** A parsed `spec.generator`: where to get a generator's wasm bytes. */

export interface OciReference {
  /** Registry host with optional port, e.g. `127.0.0.1:5000` or `registry-1.docker.io`. */
  readonly registry: string;
  /** Repository path, e.g. `generators/deployment` or `library/foo`. */
  readonly repository: string;
  /** Tag, when the reference has one. */
  readonly tag: string | undefined;
  /** `sha256:<hex>`, when the reference is pinned. */
  readonly digest: string | undefined;
}

export type GeneratorReference =
  | { readonly scheme: 'file'; readonly text: string; readonly path: string }
  | { readonly scheme: 'oci'; readonly text: string; readonly oci: OciReference };

/** A generator's verified bytes and their digest. */
export interface ResolvedGenerator {
  readonly reference: GeneratorReference;
  /** `sha256:<hex>` of `bytes`. */
  readonly digest: string;
  readonly bytes: Uint8Array;
}

export interface ParseGeneratorReferenceOptions {
  /** Folder that a relative file:// path is relative to: the manifest's folder. */
  readonly baseDir: string;
}

const ociSchemes = ['oci://', 'registry://'] as const;

/**
 * Parses `spec.generator`. `file://` takes an absolute path, or a path relative to the
 * manifest's folder (`file://../generators/x.wasm`); `oci://` and its alias `registry://` take
 * `host[:port]/repository[:tag][@sha256:<digest>]`.
 */
export function parseGeneratorReference(
  text: string,
  options: ParseGeneratorReferenceOptions,
): GeneratorReference {
  if (text.startsWith('file://')) {
    return { scheme: 'file', text, path: parseFilePath(text, options.baseDir) };
  }
  const ociScheme = ociSchemes.find((scheme) => text.startsWith(scheme));
  if (ociScheme !== undefined) {
    return { scheme: 'oci', text, oci: parseOciReference(text.slice(ociScheme.length)) };
  }

  throw new DawgError('GENERATOR_REFERENCE', `unsupported generator reference ${text}`, {
    hint: 'use file://<path>, oci://<host>/<repository>:<tag> or registry://…',
  });
}

function parseFilePath(text: string, baseDir: string): string {
  const raw = text.slice('file://'.length);
  if (raw === '') {
    throw new DawgError('GENERATOR_REFERENCE', `generator reference ${text} names no file`);
  }
  const decoded = decodeFilePath(raw, text);

  return path.resolve(baseDir, decoded);
}

function decodeFilePath(raw: string, text: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new DawgError('GENERATOR_REFERENCE', `generator reference ${text} is not a valid URL`);
  }
}
