import { randomUUID } from 'node:crypto';
import type { PipelineConfig } from './config.js';
import { kafka } from './resources.js';
import type { ExpectedEvent } from './write-events.js';

/** Bytes that fit no wire format of docs/architecture.md §3. */
const poisonBytes = Buffer.from([0x42, 0x13, 0x37, 0x00, 0xff]);

/** A Confluent v0 frame naming a schema id no registry holds. */
function unknownSchemaFrame(): Buffer {
  const frame = Buffer.alloc(6);
  frame.writeInt32BE(0x7ffffff0, 1);
  frame[5] = 0x02;
  return frame;
}

/**
 * Puts records on the run's topic that no consumer can ever process, as a misbehaving
 * producer would: poison bytes and unknown schema ids, `count` of each. Each must end in
 * the DLQ, exactly as an outbox event must end in the ledger.
 */
export async function injectUndecodable(run: PipelineConfig, count: number): Promise<ExpectedEvent[]> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const expected: ExpectedEvent[] = [];
  const messages = [];
  for (let i = 0; i < count * 2; i++) {
    const eventId = `poison-${randomUUID()}`;
    const aggregateId = `${run.runId}-poison-${i}`;
    expected.push({ eventId, aggregateId, seq: 0, outcome: 'dlq' });
    messages.push({
      key: aggregateId,
      value: i % 2 === 0 ? poisonBytes : unknownSchemaFrame(),
      headers: { 'event-id': eventId, 'aggregate-id': aggregateId },
    });
  }
  try {
    await producer.send({ topic: run.topic, messages });
  } finally {
    await producer.disconnect();
  }
  return expected;
}
