import { type AttributeValue, type DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';
import type { Kafka } from 'kafkajs';
import { EnvelopeHeaders } from '../../functions/lib/envelope/index.js';
import { fromOutboxItem, OutboxAttributes, type OutboxRecord } from '../../functions/lib/outbox/index.js';
import type { TraceSources } from './sources.js';
import { readSpanFile } from './span-file.js';
import { scanTopics } from './topic-scan.js';
import type { ClaimItem, TraceLookups } from './types.js';

/**
 * The journey's sources on the local stack. Tables are scanned with a filter: the outbox is keyed
 * by aggregate and the idempotency tables by group and event id, so neither has a key to look an
 * event id up by, and a local table is small enough for a scan to answer in well under a second.
 */
export function localLookups(sources: TraceSources, dynamodb: DynamoDBClient, kafka: Kafka): TraceLookups {
  async function scan(
    table: string,
    filter: string,
    values: Record<string, AttributeValue>,
  ): Promise<Record<string, AttributeValue>[]> {
    const items: Record<string, AttributeValue>[] = [];
    const pages = paginateScan(
      { client: dynamodb },
      { TableName: table, FilterExpression: filter, ExpressionAttributeValues: values },
    );
    for await (const page of pages) items.push(...(page.Items ?? []));
    return items;
  }

  return {
    spans: readSpanFile(sources.spanFile),
    async outboxItem(eventId) {
      const [item] = await scan(sources.outboxTable, `${OutboxAttributes.sortKey} = :id`, {
        ':id': { S: eventId },
      });
      return item ? fromOutboxItem(item) : undefined;
    },
    async outboxItemsWithTraceparent(traceparent): Promise<OutboxRecord[]> {
      const items = await scan(sources.outboxTable, 'traceparent = :tp', { ':tp': { S: traceparent } });
      return items.map(fromOutboxItem);
    },
    async claims(eventId): Promise<ClaimItem[]> {
      const perTable = await Promise.all(
        sources.idempotencyTables.map((table) =>
          scan(table, 'contains(id, :id)', { ':id': { S: `#${eventId}` } }),
        ),
      );
      return perTable.flat().map((item) => {
        const id = item.id?.S ?? '';
        const completedAt = item.completedAt?.N;
        return {
          consumerGroup: id.slice(0, id.lastIndexOf('#')),
          status: item.status?.S ?? 'UNKNOWN',
          ...(completedAt ? { completedAt: Number(completedAt) } : {}),
        };
      });
    },
    records(topics, eventIds) {
      return scanTopics(kafka, topics, (headers) => {
        const id = headers[EnvelopeHeaders.eventId];
        return id !== undefined && eventIds.has(id);
      });
    },
  };
}
