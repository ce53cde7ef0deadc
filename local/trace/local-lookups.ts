import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Kafka } from 'kafkajs';
import { claimOf } from './claims.js';
import { type OutboxLookupOptions, outboxLookups, scanTable } from './outbox-lookups.js';
import type { TraceSources } from './sources.js';
import { readSpanFile } from './span-file.js';
import { eventRecords } from './topic-scan.js';
import type { ClaimItem, TraceLookups } from './types.js';

/**
 * The journey's sources on the local stack. The idempotency tables are scanned with a filter:
 * they are keyed by group and event id, the local groups may carry any prefix, and a local table
 * is small enough for a scan to answer in well under a second.
 */
export function localLookups(
  sources: TraceSources,
  dynamodb: DynamoDBClient,
  kafka: Kafka,
  options: OutboxLookupOptions = {},
): TraceLookups {
  return {
    spans: readSpanFile(sources.spanFile),
    ...outboxLookups(dynamodb, sources.outboxTable, options),
    async claims(eventId): Promise<ClaimItem[]> {
      const perTable = await Promise.all(
        sources.idempotencyTables.map((table) =>
          scanTable(dynamodb, table, 'contains(id, :id)', { ':id': { S: `#${eventId}` } }),
        ),
      );
      return perTable.flat().map((item) => {
        const id = item.id?.S ?? '';
        return claimOf(id.slice(0, id.lastIndexOf('#')), item);
      });
    },
    records: eventRecords(kafka),
  };
}
