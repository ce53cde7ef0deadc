import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { Command } from 'commander';
import type { AuditEntry } from '../../../registry/audit/audit-entry.js';
import {
  type AuditFilter,
  formatAuditEntry,
  readAuditFile,
  readAuditLogGroup,
} from '../../governance/audit-trail.js';
import { registryAuditFile } from '../../stack/paths.js';
import { durationMs } from '../flags.js';
import { CliError } from '../run.js';

interface AuditFlags {
  readonly subject?: string;
  readonly since?: string;
  readonly json?: boolean;
  readonly file: string;
  readonly logGroup?: string;
}

/** `--since`: an ISO-8601 time, or a duration back from now (`90s`, `30m`, `12h`, `7d`). */
export function parseSince(value: string, now = Date.now()): Date {
  const relative = durationMs(value);
  if (relative !== undefined) return new Date(now - relative);
  const time = Date.parse(value);
  if (Number.isNaN(time)) {
    throw new CliError(
      `--since ${value}: give an ISO-8601 time (2026-12-07T10:00:00Z) or a duration (30m, 12h, 7d)`,
    );
  }
  return new Date(time);
}

/** `eventline schemas audit`: the registry service's audit trail, from the local file or a deployment's log group. */
export function auditCommand(): Command {
  return new Command('audit')
    .description(
      "the registry service's audit trail: who registered, deleted or changed what (refused attempts too), oldest first",
    )
    .option('--subject <subject>', 'only changes to this subject')
    .option(
      '--since <time>',
      'only changes since an ISO-8601 time or a duration back from now (30m, 12h, 7d)',
    )
    .option('--json', 'one JSON object per line, as stored')
    .option('--file <path>', "the local registry service's audit file", registryAuditFile)
    .option('--log-group <name>', "read a deployment's audit log group (CloudWatch Logs) instead of the file")
    .action(async (flags: AuditFlags) => {
      const filter: AuditFilter = {
        ...(flags.subject ? { subject: flags.subject } : {}),
        ...(flags.since ? { since: parseSince(flags.since) } : {}),
      };
      const entries: AuditEntry[] = flags.logGroup
        ? await readAuditLogGroup(new CloudWatchLogsClient({}), flags.logGroup, filter)
        : await readAuditFile(flags.file, filter);
      for (const entry of entries) {
        process.stdout.write(`${flags.json ? JSON.stringify(entry) : formatAuditEntry(entry)}\n`);
      }
      if (entries.length === 0 && !flags.json) process.stderr.write('no audit lines match\n');
    });
}
