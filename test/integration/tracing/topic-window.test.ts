import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanTopics } from '../../../local/trace/index.js';
import { uniqueName } from '../../support/local-aws.js';
import { kafka } from '../outbox/support.js';

const HOUR = 3_600_000;

/**
 * `eventline trace` reads a topic over a window after the event, or at the offsets the spans
 * give, not to the topic's end: on the local broker, records stamped an hour apart.
 */
describe('Reading the topics of a journey', () => {
  const topic = uniqueName('trace-window').replace(/[^a-z0-9-]/g, '');
  const start = Date.now() - 5 * HOUR;
  // One partition, offsets 0..3: an event's record, a retry's DLQ record 50 minutes later, and
  // records of other events two and three hours later.
  const stamps = [start, start + 50 * 60_000, start + 2 * HOUR, start + 3 * HOUR];
  const everything = () => true;
  const offsetsOf = (records: { offset: number }[]) => records.map((r) => r.offset);

  beforeAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: stamps.map((timestamp, i) => ({
        value: `record ${i}`,
        timestamp: String(timestamp),
        headers: { 'event-id': `e-${i}` },
      })),
    });
    await producer.disconnect();
  });

  afterAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('reads from since to the end of the window, and to the end of the topic without one', async () => {
    const windowed = await scanTopics(kafka, [topic], everything, start - 60_000, { until: start + HOUR });
    const open = await scanTopics(kafka, [topic], everything, start + 60_000);

    expect(offsetsOf(windowed)).toEqual([0, 1]);
    expect(offsetsOf(open)).toEqual([1, 2, 3]);
  });

  it('reads just the known offsets of a topic, leaving out one the topic no longer holds', async () => {
    const found = await scanTopics(kafka, [topic], everything, undefined, {
      positions: [
        { topic, partition: 0, offset: 2 },
        { topic, partition: 0, offset: 99 },
      ],
    });

    expect(found.map((r) => [r.offset, r.headers['event-id']])).toEqual([[2, 'e-2']]);
  });
});
