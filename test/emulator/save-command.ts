/**
 * Reading the body of `POST /api/dashboards/db` (research note §2.1, §2.2): a body that is not
 * a JSON object, lacks `dashboard`, or has a field of the wrong JSON type is "bad request
 * data", as Grafana's binding says.
 */
import { badRequestData } from './api-response.js';
import { passed, rejected, type Checked } from './checked.js';
import { isJsonObject, type JsonObject } from './json-value.js';
import type { RequestBody } from './route.js';

/** The save request with Grafana's defaults applied. */
export interface SaveCommand {
  readonly dashboard: JsonObject;
  readonly folderUid: string;
  /** Deprecated numeric folder id, used only when `folderUid` is empty. */
  readonly folderId: number;
  readonly overwrite: boolean;
  readonly message: string;
  readonly isFolder: boolean;
}

/** Reads and type-checks the save request. */
export function readSaveCommand(body: RequestBody): Checked<SaveCommand> {
  if (body.status !== 'json' || !isJsonObject(body.value)) {
    return rejected(badRequestData);
  }
  const fields = body.value;
  if (!isJsonObject(fields['dashboard']) || !hasFieldTypes(fields)) {
    return rejected(badRequestData);
  }

  return passed({
    dashboard: fields['dashboard'],
    folderUid: typeof fields['folderUid'] === 'string' ? fields['folderUid'] : '',
    folderId: typeof fields['folderId'] === 'number' ? fields['folderId'] : 0,
    overwrite: fields['overwrite'] === true,
    message: typeof fields['message'] === 'string' ? fields['message'] : '',
    isFolder: fields['isFolder'] === true,
  });
}

function hasFieldTypes(fields: JsonObject): boolean {
  return isOptional(fields['folderUid'], 'string')
    && isOptional(fields['folderId'], 'number')
    && isOptional(fields['overwrite'], 'boolean')
    && isOptional(fields['message'], 'string')
    && isOptional(fields['isFolder'], 'boolean');
}

function isOptional(value: unknown, type: 'string' | 'number' | 'boolean'): boolean {
  return value === undefined || value === null || typeof value === type;
}
