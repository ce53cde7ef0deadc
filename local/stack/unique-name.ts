import { randomUUID } from 'node:crypto';

/**
 * A name no other user of the local stack holds, so tests and benchmarks sharing the running
 * stack own their topics, tables and subjects and may run in any order and in parallel.
 */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}
