/**
 * Schemas for what registries, token servers, the Docker config and credential helpers send
 * us. Each describes only the fields DAWG uses and tolerates extra or missing optional ones:
 * real registries differ from the spec. The TypeScript types are tied to the schemas by ajv's
 * JSONSchemaType, so the two cannot drift.
 */
import { Ajv2020, type JSONSchemaType, type ValidateFunction } from 'ajv/dist/2020.js';

export interface Platform {
  readonly architecture: string;
  readonly os: string;
}

/** An OCI content descriptor (image-spec descriptor.md), as far as DAWG reads it. */
export interface Descriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly artifactType?: string;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly platform?: Platform;
}

/** An image manifest, a Docker manifest, an image index or a Docker manifest list. */
export interface RegistryManifest {
  readonly schemaVersion?: number;
  readonly mediaType?: string;
  readonly artifactType?: string;
  readonly config?: Descriptor;
  readonly layers?: readonly Descriptor[];
  readonly manifests?: readonly Descriptor[];
  readonly annotations?: Readonly<Record<string, string>>;
}

/** A Bearer token endpoint's answer; `token` and `access_token` mean the same thing. */
export interface TokenResponse {
  readonly token?: string;
  readonly access_token?: string;
  readonly expires_in?: number;
}

/** A container image config: which platform, and which file the image runs. */
export interface ImageConfig {
  readonly architecture?: string;
  readonly os?: string;
  readonly config?: { readonly Entrypoint?: readonly string[] | null } | null;
}

/** The error body the distribution spec describes ("Error Codes"). */
export interface RegistryErrorBody {
  readonly errors?: ReadonlyArray<{ readonly code?: string; readonly message?: string }>;
}

/** One `auths` entry of a Docker `config.json`. */
export interface DockerAuthEntry {
  readonly auth?: string;
  readonly username?: string;
  readonly password?: string;
  readonly identitytoken?: string;
  readonly registrytoken?: string;
}

/** The parts of a Docker `config.json` that hold credentials. */
export interface DockerConfig {
  readonly auths?: Readonly<Record<string, DockerAuthEntry>>;
  readonly credHelpers?: Readonly<Record<string, string>>;
  readonly credsStore?: string;
}

/** What `docker-credential-<name> get` prints. */
export interface CredentialHelperAnswer {
  readonly Username: string;
  readonly Secret: string;
}

type Mutable<T> = { -readonly [K in keyof T]: Mutable<T[K]> };

const stringMap = {
  type: 'object',
  additionalProperties: { type: 'string' },
  required: [],
  nullable: true,
} as const;

const descriptorSchema: JSONSchemaType<Mutable<Descriptor>> = {
  type: 'object',
  properties: {
    mediaType: { type: 'string' },
    digest: { type: 'string' },
    size: { type: 'integer', minimum: 0 },
    artifactType: { type: 'string', nullable: true },
    annotations: stringMap,
    platform: {
      type: 'object',
      properties: { architecture: { type: 'string' }, os: { type: 'string' } },
      required: ['architecture', 'os'],
      nullable: true,
    },
  },
  required: ['mediaType', 'digest', 'size'],
};

const manifestSchema: JSONSchemaType<Mutable<RegistryManifest>> = {
  type: 'object',
  properties: {
    schemaVersion: { type: 'integer', nullable: true },
    mediaType: { type: 'string', nullable: true },
    artifactType: { type: 'string', nullable: true },
    config: { ...descriptorSchema, nullable: true },
    layers: { type: 'array', items: descriptorSchema, nullable: true },
    manifests: { type: 'array', items: descriptorSchema, nullable: true },
    annotations: stringMap,
  },
  required: [],
};

const tokenSchema: JSONSchemaType<Mutable<TokenResponse>> = {
  type: 'object',
  properties: {
    token: { type: 'string', nullable: true },
    access_token: { type: 'string', nullable: true },
    expires_in: { type: 'number', nullable: true },
  },
  required: [],
};

const imageConfigSchema: JSONSchemaType<Mutable<ImageConfig>> = {
  type: 'object',
  properties: {
    architecture: { type: 'string', nullable: true },
    os: { type: 'string', nullable: true },
    config: {
      type: 'object',
      properties: {
        Entrypoint: { type: 'array', items: { type: 'string' }, nullable: true },
      },
      required: [],
      nullable: true,
    },
  },
  required: [],
};

const errorBodySchema: JSONSchemaType<Mutable<RegistryErrorBody>> = {
  type: 'object',
  properties: {
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          code: { type: 'string', nullable: true },
          message: { type: 'string', nullable: true },
        },
        required: [],
      },
      nullable: true,
    },
  },
  required: [],
};

const dockerConfigSchema: JSONSchemaType<Mutable<DockerConfig>> = {
  type: 'object',
  properties: {
    auths: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        properties: {
          auth: { type: 'string', nullable: true },
          username: { type: 'string', nullable: true },
          password: { type: 'string', nullable: true },
          identitytoken: { type: 'string', nullable: true },
          registrytoken: { type: 'string', nullable: true },
        },
        required: [],
      },
      required: [],
      nullable: true,
    },
    credHelpers: stringMap,
    credsStore: { type: 'string', nullable: true },
  },
  required: [],
};

const credentialHelperSchema: JSONSchemaType<CredentialHelperAnswer> = {
  type: 'object',
  properties: { Username: { type: 'string' }, Secret: { type: 'string' } },
  required: ['Username', 'Secret'],
};

const schemas = {
  manifest: manifestSchema,
  token: tokenSchema,
  imageConfig: imageConfigSchema,
  errorBody: errorBodySchema,
  dockerConfig: dockerConfigSchema,
  credentialHelper: credentialHelperSchema,
};

/** The shapes `parseWithSchema` can check, by name. */
export interface SchemaTypes {
  readonly manifest: RegistryManifest;
  readonly token: TokenResponse;
  readonly imageConfig: ImageConfig;
  readonly errorBody: RegistryErrorBody;
  readonly dockerConfig: DockerConfig;
  readonly credentialHelper: CredentialHelperAnswer;
}

let ajv: Ajv2020 | undefined;
const compiled = new Map<keyof SchemaTypes, ValidateFunction>();

/**
 * Parses JSON text and checks it against the named schema. Returns the value, or a short
 * reason (not the text itself, which may hold a secret) when it does not fit.
 */
export function parseWithSchema<K extends keyof SchemaTypes>(
  name: K,
  text: string,
): { readonly value: SchemaTypes[K] } | { readonly problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: 'is not valid JSON' };
  }

  const validate = validator(name);
  if (!validate(value)) {
    const first = validate.errors?.[0];
    const path = first?.instancePath ?? '';
    const at = path === '' ? '' : ` at ${path}`;
    return { problem: `does not have the expected shape${at}: ${first?.message ?? 'invalid'}` };
  }
  return { value: value as SchemaTypes[K] };
}

function validator(name: keyof SchemaTypes): ValidateFunction {
  const existing = compiled.get(name);
  if (existing !== undefined) {
    return existing;
  }
  ajv ??= new Ajv2020({ strict: false, allErrors: false });
  const created = ajv.compile(schemas[name]);
  compiled.set(name, created);
  return created;
}
