import { paginateScan } from '@aws-sdk/client-dynamodb';
import { loadManifest } from '../../../functions/lib/manifest/index.js';
import {
  createOutboxWriter,
  fromOutboxItem,
  type OutboxRecord,
} from '../../../functions/lib/outbox/index.js';
import { type PipelineConfig, SEQ_HEADER } from './config.js';
import { dynamodb } from './resources.js';

/** An event the run wrote and what must become of it. */
export interface ExpectedEvent {
  readonly eventId: string;
  readonly aggregateId: string;
  readonly seq: number;
  /** Where the event must end: a ledger effect, or the DLQ (records that can never be processed). */
  readonly outcome: 'effect' | 'dlq';
}

export interface WriteOptions {
  readonly count: number;
  readonly aggregates: number;
  /** Concurrent outbox transactions; events of one aggregate are always written one after another. @default 2 */
  readonly concurrency?: number;
  /** Events per outbox transaction, each of a different aggregate (DynamoDB allows 100 items). @default 25 */
  readonly eventsPerWrite?: number;
  /** Called after each round of one event per aggregate (fault injection points). */
  readonly onProgress?: (written: number) => Promise<void> | void;
}

/**
 * Writes `count` OrderPaid events through the outbox writer, round by round: event `seq` of
 * every aggregate before event `seq + 1` of any, so per-aggregate order is the order of `seq`.
 * Several aggregates share a transaction, as a service writing a batch would (DynamoDB Local
 * serialises transactions, so one event per transaction would make the writer the bottleneck).
 */
export async function writeEvents(run: PipelineConfig, options: WriteOptions): Promise<number> {
  const writer = createOutboxWriter({
    client: dynamodb,
    tableName: run.outboxTable,
    manifest: loadManifest(run.schemasDir),
    source: 'faults',
  });
  const concurrency = options.concurrency ?? 2;
  const perWrite = options.eventsPerWrite ?? 25;
  let written = 0;
  for (let seq = 0; written < options.count; seq++) {
    const round = Math.min(options.aggregates, options.count - written);
    const chunks: number[][] = [];
    for (let a = 0; a < round; a += perWrite) {
      chunks.push(Array.from({ length: Math.min(perWrite, round - a) }, (_, i) => a + i));
    }
    const lane = async () => {
      for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
        await writer.write({
          events: chunk.map((aggregate) => {
            const aggregateId = `${run.runId}-agg-${aggregate}`;
            return {
              eventType: 'OrderPaid',
              aggregateId,
              payload: { orderId: aggregateId, paymentId: `p-${seq}`, amountCents: seq, paidAt: Date.now() },
              headers: { [SEQ_HEADER]: String(seq) },
            };
          }),
        });
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
    written += round;
    await options.onProgress?.(written);
  }
  return written;
}

/** Every item of the run's outbox table, read with strong consistency. */
export async function scanOutbox(run: PipelineConfig): Promise<OutboxRecord[]> {
  const records: OutboxRecord[] = [];
  const pages = paginateScan({ client: dynamodb }, { TableName: run.outboxTable, ConsistentRead: true });
  for await (const page of pages) {
    for (const item of page.Items ?? []) records.push(fromOutboxItem(item));
  }
  return records;
}

/** The committed events, read back from the outbox table: the checker's source of truth. */
export async function readOutbox(run: PipelineConfig): Promise<ExpectedEvent[]> {
  return (await scanOutbox(run)).map((record) => ({
    eventId: record.eventId,
    aggregateId: record.aggregateId,
    seq: Number(record.headers[SEQ_HEADER]),
    outcome: 'effect',
  }));
}
