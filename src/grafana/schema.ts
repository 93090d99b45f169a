import { Ajv, type JSONSchemaType, type ValidateFunction } from 'ajv';

/**
 * The parts of Grafana's responses that DAWG reads (grafana-api.md §1.4, §2.5, §3.1, §4.2,
 * §5).
 * Tolerant with the server: only the fields used are described, extra fields are allowed, and
 * optional ones may be missing, since versions differ in what they send.
 */

/** `GET /api/health`. */
export interface HealthBody {
  readonly database?: string;
  /** Missing when the server hides its version from anonymous users. */
  readonly version?: string;
  readonly commit?: string;
}

/** The `meta` of `GET /api/dashboards/uid/:uid`. */
export interface DashboardMetaBody {
  readonly version?: number;
  /** Empty or missing at the root ("General"). */
  readonly folderUid?: string;
  readonly folderTitle?: string;
  readonly provisioned?: boolean;
  readonly url?: string;
}

/** `GET /api/dashboards/uid/:uid`. */
export interface DashboardBody {
  readonly dashboard: Record<string, unknown>;
  readonly meta: DashboardMetaBody;
}

/** One hit of `GET /api/search`. */
export interface SearchHitBody {
  readonly uid: string;
  readonly title: string;
  readonly type?: string;
  readonly tags?: string[];
  readonly folderUid?: string;
}

/** A folder, from `GET /api/folders[/:uid]` or `POST /api/folders`. */
export interface FolderBody {
  readonly uid: string;
  readonly title: string;
  readonly parentUid?: string;
}

/** The answer to `POST /api/dashboards/db`. */
export interface SaveResultBody {
  readonly uid: string;
  readonly version: number;
  readonly url?: string;
}

/** The body of an error response: Grafana's own message and its id. */
export interface ErrorBody {
  readonly message?: string;
  readonly messageId?: string;
  readonly status?: string;
}

const optionalString = { type: 'string', nullable: true } as const;
const optionalNumber = { type: 'number', nullable: true } as const;

const healthSchema: JSONSchemaType<HealthBody> = {
  type: 'object',
  properties: { database: optionalString, version: optionalString, commit: optionalString },
};

const dashboardSchema: JSONSchemaType<DashboardBody> = {
  type: 'object',
  properties: {
    dashboard: { type: 'object', required: [] },
    meta: {
      type: 'object',
      properties: {
        version: optionalNumber,
        folderUid: optionalString,
        folderTitle: optionalString,
        provisioned: { type: 'boolean', nullable: true },
        url: optionalString,
      },
    },
  },
  required: ['dashboard', 'meta'],
};

const searchHitsSchema: JSONSchemaType<SearchHitBody[]> = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      uid: { type: 'string' },
      title: { type: 'string' },
      type: optionalString,
      tags: { type: 'array', items: { type: 'string' }, nullable: true },
      folderUid: optionalString,
    },
    required: ['uid', 'title'],
  },
};

const folderProperties = {
  uid: { type: 'string' },
  title: { type: 'string' },
  parentUid: optionalString,
} as const;

const folderSchema: JSONSchemaType<FolderBody> = {
  type: 'object',
  properties: folderProperties,
  required: ['uid', 'title'],
};

const foldersSchema: JSONSchemaType<FolderBody[]> = {
  type: 'array',
  items: { type: 'object', properties: folderProperties, required: ['uid', 'title'] },
};

const saveResultSchema: JSONSchemaType<SaveResultBody> = {
  type: 'object',
  properties: { uid: { type: 'string' }, version: { type: 'number' }, url: optionalString },
  required: ['uid', 'version'],
};

const errorSchema: JSONSchemaType<ErrorBody> = {
  type: 'object',
  properties: { message: optionalString, messageId: optionalString, status: optionalString },
};

/** The compiled validators, built on first use so that importing this module costs nothing. */
export interface GrafanaValidators {
  readonly health: ValidateFunction<HealthBody>;
  readonly dashboard: ValidateFunction<DashboardBody>;
  readonly searchHits: ValidateFunction<SearchHitBody[]>;
  readonly folder: ValidateFunction<FolderBody>;
  readonly folders: ValidateFunction<FolderBody[]>;
  readonly saveResult: ValidateFunction<SaveResultBody>;
  readonly error: ValidateFunction<ErrorBody>;
}

let compiled: GrafanaValidators | undefined;

/** The response validators, compiled on first use. */
export function grafanaValidators(): GrafanaValidators {
  if (compiled !== undefined) {
    return compiled;
  }
  const ajv = new Ajv({ allErrors: false, strict: true });
  compiled = {
    health: ajv.compile(healthSchema),
    dashboard: ajv.compile(dashboardSchema),
    searchHits: ajv.compile(searchHitsSchema),
    folder: ajv.compile(folderSchema),
    folders: ajv.compile(foldersSchema),
    saveResult: ajv.compile(saveResultSchema),
    error: ajv.compile(errorSchema),
  };
  return compiled;
}
