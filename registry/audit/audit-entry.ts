/** The changes the audit trail records, one per change route. */
export const AuditActions = {
  register: 'register',
  deleteSubject: 'delete-subject',
  deleteVersion: 'delete-version',
  updateConfig: 'update-config',
  deleteConfig: 'delete-config',
  updateMode: 'update-mode',
  deleteMode: 'delete-mode',
  createKek: 'create-kek',
  updateKek: 'update-kek',
  deleteKek: 'delete-kek',
  undeleteKek: 'undelete-kek',
  createDek: 'create-dek',
  deleteDek: 'delete-dek',
  undeleteDek: 'undelete-dek',
  deleteDekVersion: 'delete-dek-version',
  undeleteDekVersion: 'undelete-dek-version',
} as const;
export type AuditAction = (typeof AuditActions)[keyof typeof AuditActions];

/** How a change ended: done, refused for credentials or role (401/403), or failed otherwise. */
export const AuditResults = {
  success: 'success',
  denied: 'denied',
  failed: 'failed',
} as const;
export type AuditResult = (typeof AuditResults)[keyof typeof AuditResults];

/** One audit line, written as JSON; absent fields did not apply to the change. */
export interface AuditEntry {
  /** ISO-8601, when the answer was sent. */
  readonly time: string;
  /** The authenticated user name; null when the credentials were missing or wrong. */
  readonly principal: string | null;
  readonly action: AuditAction;
  readonly result: AuditResult;
  /** The HTTP status of the answer. */
  readonly status: number;
  /** Confluent's `error_code` of a refused or failed change. */
  readonly errorCode?: number;
  readonly subject?: string;
  readonly version?: number | string;
  /** The schema id a registration answered. */
  readonly id?: number;
  /** The KEK of a KEK or DEK change. */
  readonly kek?: string;
  readonly requestId: string;
}
