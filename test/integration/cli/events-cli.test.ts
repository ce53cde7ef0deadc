import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBStreamEvent, MSKEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { parseMskEvent } from '../../../functions/lib/consumer/index.js';
import { loadManifest } from '../../../functions/lib/manifest/index.js';
import { ConfluentRegistryClient } from '../../../functions/lib/registry/index.js';
import { createSerde } from '../../../functions/lib/serde/index.js';
import { assignPositions } from '../../../local/events/index.js';
import { localEndpoints } from '../../support/local-aws.js';
import { eventline } from './support.js';

const manifest = loadManifest();
// The CLI encodes with Apicurio (its default registry), so the same registry decodes.
const serde = createSerde({
  registry: { kind: 'confluent', url: localEndpoints.apicurioUrl },
  client: new ConfluentRegistryClient({ url: localEndpoints.apicurioUrl }),
});

function ok(args: string[], input?: string): string {
  const result = eventline(args, input);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

const jsonLines = (stdout: string) =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

const recordsOf = (event: MSKEvent) => parseMskEvent(event).partitions.flatMap((p) => [...p.records]);

describe('eventline events sample | events generate', () => {
  it.each(manifest.topics.map((t) => [t.name, t.value.type] as const))(
    '%s (%s): samples piped into generate --lines encode with the registry and decode to themselves',
    async (name) => {
      const samples = ok(['events', 'sample', '--topic', name, '--count', '2']);

      const event = JSON.parse(
        ok(['events', 'generate', 'msk', '--topic', name, '--lines', '-'], samples),
      ) as MSKEvent;

      const decoded = await Promise.all(
        recordsOf(event).map(async (r) => [r.key?.toString(), (await serde.decode(r.value as Buffer)).value]),
      );
      const expected = jsonLines(samples).map((s) => [s.orderId ?? s.order_id, s]);
      expect(decoded.sort()).toEqual(expected.sort());
    },
  );

  it('places a batch at the partitions the relay picks, offsets counting up per partition from --offset', () => {
    const topic = manifest.topic('orders.order.paid');
    const samples = ok(['events', 'sample', '--topic', topic.name, '--count', '8']);
    const keys = jsonLines(samples).map((s) => s.orderId as string);

    const event = JSON.parse(
      ok(['events', 'generate', 'msk', '--topic', topic.name, '--lines', '-', '--offset', '100'], samples),
    ) as MSKEvent;

    const placed = recordsOf(event).map((r) => [r.key?.toString(), r.partition, r.offset]);
    const expected = assignPositions(keys, { partitions: topic.partitions, startOffset: 100 }).map((p, i) => [
      keys[i],
      p.partition,
      p.offset,
    ]);
    expect(placed.sort()).toEqual(expected.sort());
    expect(new Set(placed.map(([, partition]) => partition)).size).toBeGreaterThan(1);
  });

  it('puts a single payload on the partition given, and refuses one the topic does not have', () => {
    const dir = mkdtempSync(join(tmpdir(), 'events-cli-'));
    const payload = join(dir, 'paid.json');
    writeFileSync(payload, ok(['events', 'sample', '--topic', 'orders.order.paid']));

    const event = JSON.parse(
      ok([
        'events',
        'generate',
        'msk',
        '--topic',
        'orders.order.paid',
        '--payload',
        payload,
        '--partition',
        '3',
      ]),
    ) as MSKEvent;
    const refused = eventline([
      'events',
      'generate',
      'msk',
      '--topic',
      'orders.order.paid',
      '--payload',
      payload,
      '--partition',
      '6',
    ]);

    expect(recordsOf(event).map((r) => [r.partition, r.offset])).toEqual([[3, 0]]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('eventline: partition 6 does not exist: the topic has partitions 0..5\n');
  });

  it('writes a ddb-stream batch as one INSERT per line, in order, and refuses MSK placement flags for it', () => {
    const samples = ok(['events', 'sample', '--topic', 'fulfilment.request.created', '--count', '3']);

    const event = JSON.parse(
      ok(
        ['events', 'generate', 'ddb-stream', '--topic', 'fulfilment.request.created', '--lines', '-'],
        samples,
      ),
    ) as DynamoDBStreamEvent;

    expect(event.Records.map((r) => [r.eventName, r.dynamodb?.NewImage?.aggregateId?.S])).toEqual([
      ['INSERT', 'order-0001'],
      ['INSERT', 'order-0002'],
      ['INSERT', 'order-0003'],
    ]);
    const placed = eventline(
      [
        'events',
        'generate',
        'ddb-stream',
        '--topic',
        'fulfilment.request.created',
        '--lines',
        '-',
        '--offset',
        '5',
      ],
      samples,
    );
    expect([placed.code, placed.stderr]).toEqual([
      1,
      'eventline: --partition and --offset place MSK records; a ddb-stream event has neither\n',
    ]);
  });

  it('names the line of a batch that is not JSON', () => {
    const result = eventline(
      ['events', 'generate', 'msk', '--topic', 'orders.order.paid', '--lines', '-'],
      '{"orderId":"order-1","paymentId":"p","amountCents":1,"paidAt":1}\n{"orderId":\n',
    );

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^eventline: stdin line 2 is not JSON/);
  });
});
