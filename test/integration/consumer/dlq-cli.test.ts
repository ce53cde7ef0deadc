import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDlqRecord } from '../../../functions/lib/dlq/index.js';
import { dlqCommand } from '../../../local/cli/commands/dlq.js';
import { localEndpoints } from '../../support/local-aws.js';
import { confluentFrame, envelopeHeaders, type Fixture, SchemaIds, setupFixture } from './support.js';

async function run(...args: string[]): Promise<string> {
  let output = '';
  const program = new Command('eventline').exitOverride();
  program.addCommand(dlqCommand({ write: (text) => (output += text) }));
  await program.parseAsync([
    'node',
    'eventline',
    'dlq',
    ...args,
    '--brokers',
    localEndpoints.kafkaBrokers.join(','),
  ]);
  return output;
}

describe('eventline dlq', () => {
  let f: Fixture;
  const value = confluentFrame(SchemaIds.orderPaid, Buffer.from([0x02, 0x61]));
  beforeAll(async () => {
    f = await setupFixture();
    const original = {
      topic: f.topic,
      partition: 1,
      timestamp: Date.parse('2026-11-24T12:00:00.000Z'),
      key: Buffer.from('o-1'),
      headers: Object.entries(envelopeHeaders('evt-1', 'o-1')).map(
        ([name, v]) => [name, Buffer.from(String(v))] as [string, Buffer],
      ),
    };
    await f.dlq.publish(
      buildDlqRecord(
        { ...original, offset: 17, value },
        { reason: 'handler-rejected', error: new Error('sku retired'), consumerGroup: 'fulfilment' },
      ),
    );
    await f.dlq.publish(
      buildDlqRecord(
        { ...original, offset: 18, value: Buffer.from([0xff]) },
        { reason: 'deserialization', error: new Error('no magic byte'), consumerGroup: 'fulfilment' },
      ),
    );
  });
  afterAll(() => f.teardown());

  it('lists the records of a DLQ topic with their reasons and origins', async () => {
    const output = await run('list', f.topic);

    expect(output).toContain('0:0  handler-rejected  from');
    expect(output).toContain(`${f.topic}/1/17`);
    expect(output).toContain('0:1  deserialization');
    expect(output).toContain('2 record(s)');
  });

  it('shows one record with its original headers', async () => {
    const shown = JSON.parse(await run('show', f.topic, '0:0'));

    expect(shown).toMatchObject({
      reason: 'handler-rejected',
      errorMessage: 'sku retired',
      key: 'o-1',
      headers: { 'event-id': 'evt-1' },
      value: { base64: value.toString('base64') },
    });
  });

  it('refuses to replay an undecodable record unless forced', async () => {
    await expect(run('replay', f.topic, '0:1')).rejects.toThrow(/refusing to replay 0:1/);
  });

  it('replays a chosen record to its original topic with a replay header and its bytes unchanged', async () => {
    const output = await run('replay', f.topic, '0:0');
    const [replayed] = await f.read(f.topic, 1);

    expect(output).toContain('1 record(s) replayed');
    expect(replayed?.value).toEqual(value);
    const headers = replayed?.headers as Record<string, Buffer>;
    expect(headers['dlq-replayed-from']?.toString()).toBe(`${f.dlqTopic}/0/0`);
    expect(headers['event-id']?.toString()).toBe('evt-1');
    expect(headers['dlq-reason']).toBeUndefined();
  });
});
