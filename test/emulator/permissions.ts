/** What a role may do with what it can see, as the `can*` flags in Grafana's responses. */
import type { Role } from './auth.js';

/** The `canSave`/`canEdit`/`canAdmin`/`canDelete` flags for a role. */
export interface RoleFlags {
  readonly canSave: boolean;
  readonly canEdit: boolean;
  readonly canAdmin: boolean;
  readonly canDelete: boolean;
}

/** Viewers may do none of it, Editors all but admin, Admins everything. */
export function roleFlags(role: Role): RoleFlags {
  const canWrite = role !== 'Viewer';

  return { canSave: canWrite, canEdit: canWrite, canAdmin: role === 'Admin', canDelete: canWrite };
}
