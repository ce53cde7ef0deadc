import type { AuditEntry } from './audit-entry.js';

/** Where audit lines go: a file locally, a CloudWatch Logs group in AWS. */
export interface AuditSink {
  /** Stores one line; resolves once it is stored. */
  write(entry: AuditEntry): Promise<void>;
}
