import { type AuditAction, AuditActions } from '../audit/audit-entry.js';
import { type Permission, Permissions } from './roles.js';

/** What a route needs and, for a change, what the audit trail calls it. */
export interface RoutePolicy {
  readonly permission: Permission;
  /** Confluent's operation word in a 40301 message ("User is denied operation Write on ..."). */
  readonly operation: string;
  readonly action?: AuditAction;
}

const kek = '/dek-registry/v1/keks';
const dek = `${kek}/:name/deks/:subject`;

const write = (action?: AuditAction): RoutePolicy => ({
  permission: Permissions.write,
  operation: 'Write',
  ...(action ? { action } : {}),
});
const admin = (operation: string, action: AuditAction): RoutePolicy => ({
  permission: Permissions.admin,
  operation,
  action,
});

/**
 * Every route that is not a plain read, keyed by method and route pattern. The split follows
 * Confluent's authorization operations (SUBJECT_WRITE for register and compatibility, SUBJECT_READ
 * for lookup); producers create DEKs for their own subjects, as Confluent's serializers do.
 */
const policies: ReadonlyMap<string, RoutePolicy> = new Map([
  ['POST /subjects/:subject/versions', write(AuditActions.register)],
  ['POST /subjects/:subject', { permission: Permissions.read, operation: 'Read' }],
  ['POST /compatibility/subjects/:subject/versions', write()],
  ['POST /compatibility/subjects/:subject/versions/:version', write()],
  [`POST ${kek}/:name/deks`, write(AuditActions.createDek)],
  [`POST ${dek}`, write(AuditActions.createDek)],
  ['DELETE /subjects/:subject', admin('Delete', AuditActions.deleteSubject)],
  ['DELETE /subjects/:subject/versions/:version', admin('Delete', AuditActions.deleteVersion)],
  ['PUT /config', admin('Write', AuditActions.updateConfig)],
  ['DELETE /config', admin('Delete', AuditActions.deleteConfig)],
  ['PUT /config/:subject', admin('Write', AuditActions.updateConfig)],
  ['DELETE /config/:subject', admin('Delete', AuditActions.deleteConfig)],
  ['PUT /mode', admin('Write', AuditActions.updateMode)],
  ['DELETE /mode', admin('Delete', AuditActions.deleteMode)],
  ['PUT /mode/:subject', admin('Write', AuditActions.updateMode)],
  ['DELETE /mode/:subject', admin('Delete', AuditActions.deleteMode)],
  [`POST ${kek}`, admin('Write', AuditActions.createKek)],
  [`PUT ${kek}/:name`, admin('Write', AuditActions.updateKek)],
  [`DELETE ${kek}/:name`, admin('Delete', AuditActions.deleteKek)],
  [`POST ${kek}/:name/undelete`, admin('Write', AuditActions.undeleteKek)],
  [`DELETE ${dek}`, admin('Delete', AuditActions.deleteDek)],
  [`POST ${dek}/undelete`, admin('Write', AuditActions.undeleteDek)],
  [`DELETE ${dek}/versions/:version`, admin('Delete', AuditActions.deleteDekVersion)],
  [`POST ${dek}/versions/:version/undelete`, admin('Write', AuditActions.undeleteDekVersion)],
]);

const read: RoutePolicy = { permission: Permissions.read, operation: 'Read' };
const otherChange: RoutePolicy = { permission: Permissions.admin, operation: 'Write' };

/** The policy of a matched route; reads need `read`, and a change not listed needs `admin`. */
export function routePolicy(method: string, url: string | undefined): RoutePolicy {
  if (method === 'GET' || method === 'HEAD') return read;
  return (url === undefined ? undefined : policies.get(`${method} ${url}`)) ?? otherChange;
}
