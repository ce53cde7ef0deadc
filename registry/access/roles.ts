/** What a principal may do; each role includes the ones before it. */
export const Roles = {
  /** Every GET: schemas, subjects, config, mode, KEKs and DEKs. */
  reader: 'reader',
  /** A reader that may also register, look up, check compatibility and create DEKs, under its subject prefixes. */
  writer: 'writer',
  /** Everything: config, mode, deletes, KEKs, DEK deletes, and any subject. */
  admin: 'admin',
} as const;
export type Role = (typeof Roles)[keyof typeof Roles];

/** The least role a route needs; `write` is also bounded by the writer's subject prefixes. */
export const Permissions = {
  read: 'read',
  write: 'write',
  admin: 'admin',
} as const;
export type Permission = (typeof Permissions)[keyof typeof Permissions];

export interface Principal {
  readonly username: string;
  readonly password: string;
  readonly role: Role;
  /** Subjects a writer may change start with one of these (`""` means any). Unused for other roles. */
  readonly subjectPrefixes: readonly string[];
}

/** Whether `principal` may make a call that needs `permission` on `subject` (when the call names one). */
export function allows(principal: Principal, permission: Permission, subject: string | undefined): boolean {
  switch (principal.role) {
    case Roles.admin:
      return true;
    case Roles.reader:
      return permission === Permissions.read;
    case Roles.writer:
      if (permission === Permissions.read) return true;
      if (permission === Permissions.admin || subject === undefined) return false;
      return principal.subjectPrefixes.some((prefix) => subject.startsWith(prefix));
  }
}
