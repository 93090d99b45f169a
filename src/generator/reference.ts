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
