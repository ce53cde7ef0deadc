import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDlqRecord, type DlqReason, dlqTopicOf } from '../../../functions/lib/dlq/index.js';
import { uniqueName } from '../../support/local-aws.js';
import { eventline, kafkaFixture } from './support.js';

describe('eventline dlq overview, --group and replay --dry-run', () => {
  let kafka: Awaited<ReturnType<typeof kafkaFixture>>;
  const topic = uniqueName('cli.dlq.placed');
  const other = uniqueName('cli.dlq.paid');
  const dlq = dlqTopicOf(topic);
  const otherDlq = dlqTopicOf(other);

  async function deadLetter(
    target: string,
    offset: number,
    reason: DlqReason,
    consumerGroup: string,
    value: Buffer = Buffer.from('payload'),
  ) {
    const record = buildDlqRecord(
      {
        topic: target,
        partition: 0,
        offset,
        timestamp: Date.now(),
        key: Buffer.from('o-1'),
        value,
        headers: [],
      },
      { reason, error: new Error(`failed at ${offset}`), consumerGroup },
    );
    await kafka.send(record.topic, [record]);
  }

  beforeAll(async () => {
    kafka = await kafkaFixture();
    for (const name of [topic, dlq, other, otherDlq]) await kafka.createTopic(name, 1);
    await deadLetter(topic, 10, 'handler-rejected', 'fulfilment');
    await deadLetter(topic, 11, 'handler-rejected', 'fulfilment');
    await deadLetter(topic, 12, 'deserialization', 'fulfilment', Buffer.from([0xff]));
    await deadLetter(topic, 13, 'validation', 'projection');
    // A record that did not come from the consumer middleware: no DLQ headers.
    await kafka.send(dlq, [{ key: 'x', value: 'written by hand' }]);
    await deadLetter(other, 3, 'schema-not-found', 'projection');
  });
  afterAll(() => kafka.teardown());

  it('counts the records of every DLQ topic per consumer group and reason', () => {
    const { code, stdout, stderr } = eventline(['dlq']);

    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    const at = lines.indexOf(`${dlq}  records 5`);
    expect(at).toBeGreaterThanOrEqual(0);
    expect(lines.slice(at + 1, at + 4)).toEqual([
      '  group fulfilment  3  (deserialization 1, handler-rejected 2)',
      '  group projection  1  (validation 1)',
      '  without DLQ headers  1',
    ]);
    const otherAt = lines.indexOf(`${otherDlq}  records 1`);
    expect(lines[otherAt + 1]).toBe('  group projection  1  (schema-not-found 1)');
    expect(stdout).toMatch(/\d+ DLQ topic\(s\), \d+ record\(s\)\n$/);
  });

  it('counts only the named group with --group, as JSON with --json', () => {
    const { code, stdout } = eventline(['dlq', '--group', 'projection', '--json']);

    expect(code).toBe(0);
    const overview = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { dlqTopic: string });
    expect(overview.find((t) => t.dlqTopic === dlq)).toEqual({
      dlqTopic: dlq,
      records: 1,
      foreign: 0,
      groups: { projection: { validation: 1 } },
    });
    expect(overview.find((t) => t.dlqTopic === otherDlq)).toMatchObject({ records: 1 });
  });

  it('lists the records it can parse and counts those without DLQ headers', () => {
    const { code, stdout } = eventline(['dlq', 'list', topic]);

    expect(code).toBe(0);
    expect(stdout.split('\n').at(-2)).toBe(`4 record(s) in ${dlq} (1 without DLQ headers skipped)`);
  });

  it('lists only the records the named group dead-lettered', () => {
    const { code, stdout } = eventline(['dlq', 'list', other, '--group', 'fulfilment']);

    expect(code).toBe(0);
    expect(stdout).toBe(`0 record(s) in ${otherDlq}\n`);
  });

  it('lists what replay --all --dry-run would replay and refuse, and sends nothing', async () => {
    const { code, stdout } = eventline([
      'dlq',
      'replay',
      topic,
      '--all',
      '--group',
      'fulfilment',
      '--dry-run',
    ]);

    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(
      new RegExp(`^would replay 0:0  handler-rejected  from ${topic}/0/10  group fulfilment`),
    );
    expect(lines[1]).toMatch(/^would replay 0:1 {2}handler-rejected/);
    expect(lines[2]).toMatch(/^would refuse 0:2 {2}deserialization/);
    expect(lines[3]).toBe(
      'would refuse 0:2: reason deserialization (the bytes will not decode on the original topic either); use --force to replay anyway',
    );
    expect(lines[4]).toBe('2 record(s) would be replayed, 1 refused; nothing sent');
    const offsets = await kafka.admin.fetchTopicOffsets(topic);
    expect(offsets.map((p) => p.high)).toEqual(['0']);
  });

  it('still refuses an undecodable record outright without --dry-run', () => {
    const { code, stderr } = eventline(['dlq', 'replay', topic, '0:2']);

    expect(code).toBe(1);
    expect(stderr).toContain('refusing to replay 0:2: reason deserialization');
  });
});
