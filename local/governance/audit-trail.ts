import { readFile } from 'node:fs/promises';
import { type CloudWatchLogsClient, paginateFilterLogEvents } from '@aws-sdk/client-cloudwatch-logs';
import type { AuditEntry } from '../../registry/audit/audit-entry.js';

/** Which audit lines to show. */
export interface AuditFilter {
  /** Only changes to this subject. @default - every subject */
  readonly subject?: string;
  /** Only changes at or after this time. @default - from the start */
  readonly since?: Date;
}

function keep(entry: AuditEntry, filter: AuditFilter): boolean {
  if (filter.subject !== undefined && entry.subject !== filter.subject) return false;
  return filter.since === undefined || Date.parse(entry.time) >= filter.since.getTime();
}

function parseLine(line: string): AuditEntry | undefined {
  try {
    const value = JSON.parse(line) as Partial<AuditEntry>;
    return typeof value.time === 'string' && typeof value.action === 'string'
      ? (value as AuditEntry)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The audit lines of a local registry service's file, oldest first; a missing file has none. */
export async function readAuditFile(path: string, filter: AuditFilter = {}): Promise<AuditEntry[]> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  return text
    .split('\n')
    .map(parseLine)
    .filter((entry): entry is AuditEntry => entry !== undefined && keep(entry, filter));
}

/**
 * The audit lines of a deployment's audit log group (FilterLogEvents over every stream), oldest
 * first. The subject is matched by CloudWatch's JSON filter pattern, so only matching lines travel.
 */
export async function readAuditLogGroup(
  client: CloudWatchLogsClient,
  logGroupName: string,
  filter: AuditFilter = {},
): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  const pages = paginateFilterLogEvents(
    { client },
    {
      logGroupName,
      ...(filter.since ? { startTime: filter.since.getTime() } : {}),
      ...(filter.subject ? { filterPattern: `{ $.subject = ${JSON.stringify(filter.subject)} }` } : {}),
    },
  );
  for await (const page of pages) {
    for (const event of page.events ?? []) {
      const entry = parseLine(event.message ?? '');
      if (entry !== undefined && keep(entry, filter)) entries.push(entry);
    }
  }
  return entries.sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
}

/** One audit line for a terminal: time, who, what, on what, and how it ended. */
export function formatAuditEntry(entry: AuditEntry): string {
  const target = [
    entry.kek === undefined ? undefined : `kek ${entry.kek}`,
    entry.subject,
    entry.version === undefined ? undefined : `v${entry.version}`,
    entry.id === undefined ? undefined : `id ${entry.id}`,
  ].filter((part) => part !== undefined);
  const outcome = `${entry.result} ${entry.status}${entry.errorCode === undefined ? '' : `/${entry.errorCode}`}`;
  return [
    entry.time,
    entry.principal ?? '(unauthenticated)',
    entry.action,
    target.join(' ') || '(global)',
    outcome,
    `request ${entry.requestId}`,
  ].join('  ');
}
