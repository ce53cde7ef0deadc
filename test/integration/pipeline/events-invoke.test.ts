import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  DeleteTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { localClientConfig, uniqueName } from '../../support/local-aws.js';

const run = promisify(execFile);
const cli = (...args: string[]) => run('node_modules/.bin/tsx', ['local/cli/main.ts', ...args]);
const dynamodb = new DynamoDBClient(localClientConfig('dynamodb'));

describe('eventline events generate + invoke', () => {
  const prefix = uniqueName('evt');
  afterAll(async () => {
    const { TableNames = [] } = await dynamodb.send(new ListTablesCommand({}));
    for (const table of TableNames.filter((t) => t.startsWith(`${prefix}-`))) {
      await dynamodb.send(new DeleteTableCommand({ TableName: table })).catch(() => {});
    }
  });

  it('a generated MSK event invoked through the order projection updates the read model', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'events-'));
    const orderId = uniqueName('order');
    await writeFile(
      join(dir, 'paid.json'),
      JSON.stringify({ orderId, paymentId: 'pay-1', amountCents: 2500, paidAt: 1_764_000_000_000 }),
    );

    await cli(
      'events',
      'generate',
      'msk',
      '--topic',
      'orders.order.paid',
      '--payload',
      join(dir, 'paid.json'),
      '--out',
      join(dir, 'event.json'),
    );
    const invoked = await cli(
      'invoke',
      'order-projection',
      '--event',
      join(dir, 'event.json'),
      '--prefix',
      prefix,
    );

    expect(JSON.parse(invoked.stdout)).toEqual({ batchItemFailures: [] });
    const item = await dynamodb.send(
      // invoke created the template's tables under the prefix: the read model is OrderProjection/ReadModel.
      new GetItemCommand({
        TableName: `${prefix}-order-projection-read-model`,
        Key: { orderId: { S: orderId } },
      }),
    );
    expect(item.Item).toMatchObject({ paymentId: { S: 'pay-1' }, paidCents: { N: '2500' } });
  });

  it("runs the README's relay example with no --env: the template's environment, resolved to the local resources", async () => {
    const invoked = await cli(
      'invoke',
      'outbox-relay',
      '--event',
      'test/events/ddb-stream/outbox-insert.json',
      '--prefix',
      prefix,
    );

    expect(JSON.parse(invoked.stdout)).toEqual({ batchItemFailures: [] });
    // It ran the bundle cdk synth staged, named with the template it came from.
    expect(invoked.stderr).toMatch(
      /outbox-relay: cdk\.out\/local-dev-[0-9a-f]+\/asset\.[0-9a-f]+\/index\.mjs \(OutboxRelay\w+ in cdk\.out\/local-dev-[0-9a-f]+\/Eventline-dev\.template\.json\)/,
    );
    expect(invoked.stderr).toMatch(/"message":"batch relayed".*"relayed":2,"failed":0/);
  });
});
