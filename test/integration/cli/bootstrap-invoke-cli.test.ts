import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import type { MSKEvent } from 'aws-lambda';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClientConfig, localEndpoints, uniqueName } from '../../support/local-aws.js';
import { eventline } from './support.js';

const dynamodb = new DynamoDBClient(localClientConfig('dynamodb'));

/** An MSK event of order-paid records built by `eventline events generate` from JSON lines. */
async function paidEvent(dir: string, name: string, orderIds: readonly string[]): Promise<string> {
  const lines = join(dir, `${name}.jsonl`);
  await writeFile(
    lines,
    orderIds
      .map((orderId) =>
        JSON.stringify({ orderId, paymentId: 'pay-1', amountCents: 700, paidAt: 1_764_000_000_000 }),
      )
      .join('\n'),
  );
  const out = join(dir, `${name}.json`);
  const generated = eventline([
    'events',
    'generate',
    'msk',
    '--topic',
    'orders.order.paid',
    '--lines',
    lines,
    '--partition',
    '0',
    '--offset',
    '100',
    '--out',
    out,
  ]);
  expect(generated.code, generated.stderr).toBe(0);
  return out;
}

// Each CLI run synthesizes or reuses the app and starts a function: minutes on a loaded 2-core machine.
describe('eventline bootstrap and invoke outcomes', { timeout: 300_000 }, () => {
  const prefix = uniqueName('boot');
  let dir: string;
  /** `eventline invoke order-projection` on an event file, with the prefix's resources as they are. */
  const invokeWithoutBootstrap = (event: string) =>
    eventline(['invoke', 'order-projection', '--event', event, '--prefix', prefix, '--no-bootstrap']);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'invoke-outcomes-'));
  });

  afterAll(async () => {
    const { TableNames = [] } = await dynamodb.send(new ListTablesCommand({}));
    for (const table of TableNames.filter((t) => t.startsWith(`${prefix}-`))) {
      await dynamodb.send(new DeleteTableCommand({ TableName: table })).catch(() => {});
    }
  });

  it('invoke --no-bootstrap names the missing resources in one line and runs nothing', async () => {
    const event = await paidEvent(dir, 'missing', [uniqueName('order')]);

    const invoked = invokeWithoutBootstrap(event);

    expect(invoked.code).toBe(1);
    expect(invoked.stdout).toBe('');
    expect(invoked.stderr).toContain(
      `eventline: order-projection needs what does not exist: table ${prefix}-registry-id-table`,
    );
    expect(invoked.stderr).toContain(`run \`eventline bootstrap --prefix ${prefix}\``);
    expect(invoked.stderr).not.toContain('START RequestId');
  });

  it('bootstrap creates the template resources once, then finds them all', () => {
    const first = eventline(['bootstrap', '--prefix', prefix, '--json']);
    const second = eventline(['bootstrap', '--prefix', prefix]);

    expect(first.code, first.stderr).toBe(0);
    const report = JSON.parse(first.stdout) as { created: string[]; existing: string[]; subjects: string[] };
    expect(report.created).toEqual(
      expect.arrayContaining([
        `table ${prefix}-order-projection-idempotency`,
        `table ${prefix}-order-projection-read-model`,
        `queue ${prefix}-outbox-relay-failures`,
      ]),
    );
    expect(report.subjects).toContain('orders.order.paid-value');
    // The manifest's KEK as a KMS key in moto, under the template's alias (shared by every prefix).
    expect([...report.created, ...report.existing]).toContain('key alias/eventline/dev/orders-pii');
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).not.toMatch(/^created/m);
    for (const name of report.created) expect(second.stdout).toContain(`exists   ${name}\n`);
    expect(second.stdout).toMatch(
      new RegExp(
        `^bootstrap: 0 created, ${report.created.length + report.existing.length} existed \\(prefix ${prefix}\\)$`,
        'm',
      ),
    );
  });

  it('invoke says per record: processed, then duplicate skipped on a redelivery', async () => {
    const event = await paidEvent(dir, 'good', [uniqueName('order'), uniqueName('order')]);

    const first = invokeWithoutBootstrap(event);
    const again = invokeWithoutBootstrap(event);

    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain(
      'orders.order.paid[0]@100  processed\norders.order.paid[0]@101  processed\n',
    );
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain(
      'orders.order.paid[0]@100  duplicate skipped (an earlier delivery completed it)\norders.order.paid[0]@101  duplicate skipped',
    );
  });

  it('invoke names the DLQ position of a poison record and exits non-zero', async () => {
    const file = await paidEvent(dir, 'poison', [uniqueName('order'), uniqueName('order')]);
    const event = JSON.parse(await readFile(file, 'utf8')) as MSKEvent;
    const [poison] = Object.values(event.records).flat().slice(1);
    if (!poison) throw new Error('the generated event has no second record');
    poison.value = Buffer.from('not a registry frame').toString('base64');
    await writeFile(file, JSON.stringify(event));

    const invoked = eventline(['invoke', 'order-projection', '--event', file, '--prefix', prefix]);

    expect(invoked.code).toBe(1);
    expect(invoked.stderr).toContain('orders.order.paid[0]@100  processed\n');
    const line = invoked.stderr.match(
      /^orders\.order\.paid\[0\]@101 {2}sent to orders\.order\.paid\.dlq at partition (\d+), offset (\d+): deserialization \(\w+Error: .+\)$/m,
    );
    expect(line, invoked.stderr).not.toBeNull();
    // The named position holds this very record.
    const kafka = new Kafka({ brokers: [...localEndpoints.kafkaBrokers], logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: uniqueName('dlq-check'), maxWaitTimeInMs: 100 });
    await consumer.connect();
    try {
      const found = await new Promise<Record<string, string>>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the DLQ record was not read within 30 s')), 30_000);
        consumer.on(consumer.events.GROUP_JOIN, () =>
          consumer.seek({
            topic: 'orders.order.paid.dlq',
            partition: Number(line?.[1]),
            offset: String(line?.[2]),
          }),
        );
        void consumer.subscribe({ topic: 'orders.order.paid.dlq' }).then(() =>
          consumer.run({
            eachMessage: async ({ partition, message }) => {
              if (partition !== Number(line?.[1]) || message.offset !== line?.[2]) return;
              clearTimeout(timer);
              resolve(
                Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
              );
            },
          }),
        );
      });
      expect(found).toMatchObject({ 'dlq-original-offset': '101', 'dlq-reason': 'deserialization' });
    } finally {
      await consumer.disconnect();
    }
  });
});
