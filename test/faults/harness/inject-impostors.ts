import { DlqReasons } from '../../../functions/lib/dlq/index.js';
import { envelopeToHeaders } from '../../../functions/lib/envelope/index.js';
import { loadManifest } from '../../../functions/lib/manifest/index.js';
import { createRegistryClient } from '../../../functions/lib/registry/factory.js';
import { createSerde } from '../../../functions/lib/serde/index.js';
import { waitFor } from '../../support/wait-for.js';
import { type Expectation, Outcomes } from './checker.js';
import { type PipelineConfig, SEQ_HEADER } from './config.js';
import { readLedger } from './ledger.js';
import { dynamodb, kafka } from './resources.js';
import { scanOutbox } from './write-events.js';

/** Added to an impostor's seq: if its payload took effect instead, the ledger shows a seq not the event's. */
const IMPOSTOR_SEQ_OFFSET = 1_000_000;

/**
 * Once `count` events have taken effect, produces one record per such event straight to the
 * topic with the same key and headers (`event-id` included) but another, validly encoded
 * payload, as a producer that reuses ids would. The first-seen payload has taken effect; each
 * impostor must end in the DLQ as `validation` (the idempotency store's payload mismatch).
 */
export async function injectImpostors(run: PipelineConfig, count: number): Promise<Expectation[]> {
  let applied: Awaited<ReturnType<typeof readLedger>> = [];
  await waitFor(
    async () => {
      applied = await readLedger(dynamodb, run.ledgerTable);
      return applied.length >= count;
    },
    { what: `${count} effects in the ledger before the impostors`, timeoutMs: 120_000, intervalMs: 200 },
  );
  const ids = new Set(applied.slice(0, count).map((e) => e.eventId));
  const genuine = (await scanOutbox(run)).filter((record) => ids.has(record.eventId));
  const manifest = loadManifest(run.schemasDir);
  const serde = createSerde({
    registry: { kind: 'confluent', url: run.registryUrl },
    client: createRegistryClient({ kind: 'confluent', url: run.registryUrl }),
  });
  const expected: Expectation[] = [];
  const messages = [];
  for (const event of genuine) {
    const topic = manifest.topic(event.topic);
    const payload = { ...(event.payload as Record<string, unknown>), paymentId: `impostor-${event.eventId}` };
    const seq = Number(event.headers[SEQ_HEADER]) + IMPOSTOR_SEQ_OFFSET;
    messages.push({
      key: event.aggregateId,
      value: await serde.encode(payload, { topic: topic.name, schema: topic.value }),
      headers: { ...event.headers, [SEQ_HEADER]: String(seq), ...envelopeToHeaders(event) },
    });
    expected.push({
      eventId: event.eventId,
      aggregateId: event.aggregateId,
      seq,
      outcome: Outcomes.dlq,
      reason: DlqReasons.validation,
      impostor: true,
    });
  }
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    await producer.send({ topic: run.topic, messages });
  } finally {
    await producer.disconnect();
  }
  return expected;
}
