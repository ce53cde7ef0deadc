import { loadManifest } from '../../../functions/lib/manifest/index.js';
import { createOutboxWriter } from '../../../functions/lib/outbox/index.js';
import { RelayFailureReasons } from '../../../functions/outbox-relay/reasons.js';
import { type Expectation, Outcomes } from './checker.js';
import { type PipelineConfig, SEQ_HEADER } from './config.js';
import { dynamodb, kafka } from './resources.js';

/** Seq of an event that must never reach the ledger: if it does, the order check flags it too. */
const NEVER_APPLIED = -1;

/**
 * Commits `count` OrderPaid events through the outbox whose payload alone is `bytes` long,
 * on the run's own aggregates, so each sits between deliverable events of its key. The relay
 * must send each to its failure queue as `message-too-large` and go on with that key.
 */
export async function writeOversized(
  run: PipelineConfig,
  options: { readonly count: number; readonly bytes: number; readonly aggregates: number },
): Promise<Expectation[]> {
  const writer = createOutboxWriter({
    client: dynamodb,
    tableName: run.outboxTable,
    manifest: loadManifest(run.schemasDir),
    source: 'faults',
  });
  const { events } = await writer.write({
    events: Array.from({ length: options.count }, (_, i) => {
      const aggregateId = `${run.runId}-agg-${i % options.aggregates}`;
      return {
        eventType: 'OrderPaid',
        aggregateId,
        payload: {
          orderId: aggregateId,
          paymentId: 'x'.repeat(options.bytes),
          amountCents: 0,
          paidAt: Date.now(),
        },
        headers: { [SEQ_HEADER]: String(NEVER_APPLIED) },
      };
    }),
  });
  return events.map((event) => ({
    eventId: event.eventId,
    aggregateId: event.aggregateId,
    seq: NEVER_APPLIED,
    outcome: Outcomes.failureQueue,
    reason: RelayFailureReasons.messageTooLarge,
  }));
}

/** Whether the broker refuses a record of `bytes` on the run's topic: proof the limit is the topic's. */
export async function brokerRefuses(run: PipelineConfig, bytes: number): Promise<boolean> {
  const producer = kafka.producer({ retry: { retries: 0 } });
  await producer.connect();
  try {
    await producer.send({ topic: run.topic, messages: [{ key: 'oversized', value: Buffer.alloc(bytes) }] });
    return false;
  } catch (error) {
    return (error as { type?: string }).type === 'MESSAGE_TOO_LARGE';
  } finally {
    await producer.disconnect();
  }
}
