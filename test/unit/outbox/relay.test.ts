import { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { KafkaJSNonRetriableError, KafkaJSProtocolError, type TopicMessages } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { KafkaProduceError } from '../../../functions/lib/kafka/index.js';
import { loadManifest } from '../../../functions/lib/manifest/index.js';
import { SchemaNotFoundError } from '../../../functions/lib/registry/index.js';
import type { Serde } from '../../../functions/lib/serde/index.js';
import type { RelayFailure } from '../../../functions/outbox-relay/failure-destination.js';
import { createRelay } from '../../../functions/outbox-relay/relay.js';
import { DdbStreamSamples, loadDdbStreamEvent } from '../../events/ddb-stream/load.js';

const manifest = loadManifest();
const logger = new Logger({ logLevel: 'SILENT' });

class TransientError extends Error {
  readonly retryable = true;
}

/** A serde that writes the payload as JSON, or throws what `fail` returns for it. */
function jsonSerde(fail: (payload: Record<string, unknown>) => Error | undefined = () => undefined): Serde {
  return {
    encode: async (value) => {
      const error = fail(value as Record<string, unknown>);
      if (error) throw error;
      return Buffer.from(JSON.stringify(value));
    },
    decode: async () => {
      throw new Error('not used');
    },
  };
}

/** What the managed producer throws when the broker refuses a record batch as too large. */
function brokerRefusal(): KafkaProduceError {
  const refusal = new KafkaJSProtocolError(
    Object.assign(new Error('The request included a message larger than the max message size'), {
      type: 'MESSAGE_TOO_LARGE',
      code: 10,
      retriable: false,
    }),
  );
  return new KafkaProduceError(['orders.order.placed'], {
    cause: Object.assign(new KafkaJSNonRetriableError(refusal), { cause: refusal }),
  });
}

function harness(
  options: {
    serde?: Serde;
    produceFails?: boolean;
    destinationFails?: boolean;
    max?: number;
    /** Decides the fate of each produce request (0-based call number); undefined means acknowledged. */
    produce?: (call: number, topicMessages: readonly TopicMessages[]) => Error | undefined;
  } = {},
) {
  const batches: TopicMessages[][] = [];
  /** Batches the fake broker acknowledged, in order. */
  const acknowledged: TopicMessages[][] = [];
  const failures: RelayFailure[] = [];
  const relay = createRelay({
    serde: options.serde ?? jsonSerde(),
    manifest,
    logger,
    maxMessageBytes: options.max ?? 1_048_588,
    producer: {
      sendBatch: async (topicMessages) => {
        batches.push([...topicMessages]);
        if (options.produceFails) throw new TransientError('broker gone');
        const error = options.produce?.(batches.length - 1, topicMessages);
        if (error) throw error;
        acknowledged.push([...topicMessages]);
        return [];
      },
    },
    failures: {
      send: async (failure) => {
        if (options.destinationFails) throw new TransientError('sqs down');
        failures.push(failure);
      },
    },
  });
  return { relay, batches, acknowledged, failures };
}

/** The sample event's two records, then copies for more aggregates and positions. */
function streamOf(count: number): DynamoDBStreamEvent {
  const [placed] = loadDdbStreamEvent(DdbStreamSamples.outboxInsert).Records as DynamoDBRecord[];
  const records = Array.from({ length: count }, (_, i): DynamoDBRecord => {
    const copy = structuredClone(placed) as DynamoDBRecord;
    const image = copy.dynamodb?.NewImage ?? {};
    const eventId = `019ab5c2-7c1e-7d2a-9f00-${String(i).padStart(12, '0')}`;
    image.eventId = { S: eventId };
    image.sk = { S: eventId };
    image.txId = { S: `tx-${i}` };
    image.aggregateId = { S: `order-${i % 3}` };
    image.payload = {
      M: { ...image.payload?.M, orderId: { S: `order-${i % 3}` }, customerId: { S: `c-${i}` } },
    };
    if (copy.dynamodb) copy.dynamodb.SequenceNumber = String(1000 + i);
    return copy;
  });
  return { Records: records };
}

const customerOf = (m: { value: Buffer | string | null }) => JSON.parse(String(m.value)).customerId;
/** Customer ids of every message of the batches, request after request, topic after topic. */
const customersIn = (batches: readonly TopicMessages[][]) =>
  batches.flatMap((b) => b.flatMap((t) => t.messages.map(customerOf)));

/** The relay's size estimate of a message: key, value, header names and values, 100 bytes framing. */
function estimatedSize(m: TopicMessages['messages'][number]): number {
  let size = String(m.key).length + (m.value as Buffer).length + 100;
  for (const [name, value] of Object.entries(m.headers ?? {})) size += name.length + (value as Buffer).length;
  return size;
}

describe('Relay', () => {
  it('sends every insert of the sample event in one produce request, keyed by aggregate, with envelope headers', async () => {
    const { relay, batches } = harness();
    const event = loadDdbStreamEvent(DdbStreamSamples.outboxInsert);

    const { response, summary } = await relay(event);

    expect(response.batchItemFailures).toEqual([]);
    expect(batches).toHaveLength(1);
    expect(batches[0]?.map((t) => t.topic)).toEqual(['orders.order.placed', 'orders.order.paid']);
    const placed = batches[0]?.[0]?.messages[0];
    expect(String(placed?.key)).toBe('order-42');
    expect(String(placed?.headers?.['event-id'])).toBe('019ab5c2-7c1e-7d2a-9f00-3b1f5e2a9c41');
    expect(String(placed?.headers?.traceparent)).toMatch(/^00-4bf92f/);
    expect(String(placed?.headers?.source)).toBe('orders-service');
    expect(summary).toMatchObject({ relayed: 2, failed: 0, retried: 0, produceRequests: 1 });
  });

  it('skips records that are not inserts', async () => {
    const { relay, batches } = harness();
    const event = streamOf(3);
    (event.Records[1] as DynamoDBRecord).eventName = 'REMOVE';

    const { summary } = await relay(event);

    expect(summary).toMatchObject({ relayed: 2, skipped: 1 });
    expect(batches[0]?.[0]?.messages).toHaveLength(2);
  });

  it('sends the records before a transient encode failure and retries from that record', async () => {
    const serde = jsonSerde((p) =>
      p.customerId === 'c-3' ? new TransientError('registry timeout') : undefined,
    );
    const { relay, batches } = harness({ serde });

    const { response, summary } = await relay(streamOf(6));

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '1003' }]);
    expect(batches[0]?.[0]?.messages.map(customerOf)).toEqual(['c-0', 'c-1', 'c-2']);
    expect(summary).toMatchObject({ relayed: 3, retried: 3 });
  });

  it('reports the first record of the batch when the produce request fails', async () => {
    const { relay } = harness({ produceFails: true });

    const { response, summary } = await relay(streamOf(4));

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '1000' }]);
    expect(summary).toMatchObject({ relayed: 0, retried: 4 });
  });

  it('sends schema-less and oversized records to the failure destination with their reason and delivers the rest', async () => {
    const serde = jsonSerde((p) =>
      p.customerId === 'c-1' ? new SchemaNotFoundError('subject gone') : undefined,
    );
    const { relay, batches, failures } = harness({ serde, max: 1000 });
    const event = streamOf(4);
    const big = event.Records[2]?.dynamodb?.NewImage?.payload?.M;
    if (big) big.customerId = { S: `c-2${'x'.repeat(1000)}` };

    const { response, summary } = await relay(event);

    expect(response.batchItemFailures).toEqual([]);
    expect(failures.map((f) => [f.reason, f.sequenceNumber, f.errorClass])).toEqual([
      ['schema-not-found', '1001', 'SchemaNotFoundError'],
      ['message-too-large', '1002', 'MessageTooLargeError'],
    ]);
    expect(failures[0]).toMatchObject({ aggregateId: 'order-1', topic: 'orders.order.placed' });
    expect(customersIn(batches)).toEqual(['c-0', 'c-3']);
    expect(summary).toMatchObject({ relayed: 2, failed: 2, retried: 0 });
  });

  it('retries from a never-relayable record when the failure destination is unreachable', async () => {
    const serde = jsonSerde((p) =>
      p.customerId === 'c-2' ? new SchemaNotFoundError('subject gone') : undefined,
    );
    const { relay, batches } = harness({ serde, destinationFails: true });

    const { response } = await relay(streamOf(4));

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '1002' }]);
    expect(batches[0]?.[0]?.messages.map(customerOf)).toEqual(['c-0', 'c-1']);
  });

  it("puts one transaction's events back in the writer's order, leaving other records in place", async () => {
    const { relay, batches } = harness();
    const event = streamOf(4);
    const setTx = (i: number, txId: string, txSeq: number) => {
      const image = event.Records[i]?.dynamodb?.NewImage;
      if (image) Object.assign(image, { txId: { S: txId }, txSeq: { N: String(txSeq) } });
    };
    setTx(0, 'tx-a', 1);
    setTx(2, 'tx-a', 0);

    const { response } = await relay(event);

    expect(batches[0]?.[0]?.messages.map(customerOf)).toEqual(['c-2', 'c-1', 'c-0', 'c-3']);
    expect(response.batchItemFailures).toEqual([]);
  });

  it('retries from the earliest stream position when a reordered transaction is cut', async () => {
    const serde = jsonSerde((p) =>
      p.customerId === 'c-0' ? new TransientError('registry timeout') : undefined,
    );
    const { relay, batches } = harness({ serde });
    const event = streamOf(4);
    for (const [i, seq] of [
      [0, 1],
      [2, 0],
    ] as const) {
      const image = event.Records[i]?.dynamodb?.NewImage;
      if (image) Object.assign(image, { txId: { S: 'tx-a' }, txSeq: { N: String(seq) } });
    }

    const { response } = await relay(event);

    expect(batches[0]?.[0]?.messages.map(customerOf)).toEqual(['c-2', 'c-1']);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '1000' }]);
  });
});

describe('Relay under max.message.bytes', () => {
  it('sends a batch that fits the limit in exactly one produce request', async () => {
    const { relay, batches } = harness();

    const { summary } = await relay(streamOf(100));

    expect(batches).toHaveLength(1);
    expect(summary).toMatchObject({ relayed: 100, produceRequests: 1 });
  });

  it("splits a batch above the limit into consecutive requests in stream order, no topic's share of one above the limit", async () => {
    const max = 4096;
    const { relay, batches } = harness({ max });

    const { response, summary } = await relay(streamOf(40));

    expect(response.batchItemFailures).toEqual([]);
    expect(customersIn(batches)).toEqual(Array.from({ length: 40 }, (_, i) => `c-${i}`));
    for (const batch of batches) {
      for (const { messages } of batch) {
        expect(messages.reduce((sum, m) => sum + estimatedSize(m), 0)).toBeLessThanOrEqual(max - 61);
      }
    }
    // As few requests as possible: each one would have gone over the limit with the next record.
    for (const [i, batch] of batches.slice(0, -1).entries()) {
      const next = batches[i + 1]?.[0]?.messages[0];
      const bytes = batch.flatMap((t) => t.messages).reduce((sum, m) => sum + estimatedSize(m), 0);
      expect(bytes + (next ? estimatedSize(next) : 0)).toBeGreaterThan(max - 61);
    }
    expect(batches.length).toBeGreaterThan(1);
    expect(summary).toMatchObject({ relayed: 40, produceRequests: batches.length, retried: 0 });
  });

  it('retries from the first record of the failed request, the earlier requests having been delivered', async () => {
    const { relay, batches, acknowledged } = harness({
      max: 4096,
      produce: (call) => (call === 1 ? new TransientError('broker gone') : undefined),
    });

    const { response, summary } = await relay(streamOf(40));

    expect(batches).toHaveLength(2);
    const firstOfFailed = customerOf(batches[1]?.[0]?.messages[0] ?? { value: null });
    expect(response.batchItemFailures).toEqual([
      { itemIdentifier: String(1000 + Number(firstOfFailed.slice(2))) },
    ]);
    expect(customersIn(acknowledged)).toEqual(
      Array.from({ length: Number(firstOfFailed.slice(2)) }, (_, i) => `c-${i}`),
    );
    expect(summary.relayed + summary.retried).toBe(40);
  });

  it('sends each record alone when the broker refuses a request as too large, and a record refused alone to the failure destination', async () => {
    const { relay, acknowledged, failures } = harness({
      produce: (_call, topicMessages) =>
        topicMessages.some((t) => t.messages.some((m) => customerOf(m) === 'c-2'))
          ? brokerRefusal()
          : undefined,
    });

    const { response, summary } = await relay(streamOf(4));

    expect(response.batchItemFailures).toEqual([]);
    expect(customersIn(acknowledged)).toEqual(['c-0', 'c-1', 'c-3']);
    expect(failures.map((f) => [f.reason, f.sequenceNumber, f.errorClass])).toEqual([
      ['message-too-large', '1002', 'MessageTooLargeError'],
    ]);
    expect(summary).toMatchObject({ relayed: 3, failed: 1, retried: 0, produceRequests: 5 });
  });

  it('retries from a record the broker refuses alone when the failure destination is unreachable', async () => {
    const { relay, acknowledged } = harness({
      destinationFails: true,
      produce: (_call, topicMessages) =>
        topicMessages.some((t) => t.messages.some((m) => customerOf(m) === 'c-1'))
          ? brokerRefusal()
          : undefined,
    });

    const { response } = await relay(streamOf(4));

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '1001' }]);
    expect(customersIn(acknowledged)).toEqual(['c-0']);
  });
});

describe('Relay without stream positions', () => {
  it('fails the invocation instead of reporting nothing when an undelivered record has no SequenceNumber', async () => {
    const { relay } = harness({ produceFails: true });
    const event = streamOf(2);
    for (const record of event.Records) if (record.dynamodb) delete record.dynamodb.SequenceNumber;

    await expect(relay(event)).rejects.toThrow(/SequenceNumber/);
  });
});
