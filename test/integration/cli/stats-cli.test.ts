import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDlqRecord, type DlqReason, dlqTopicOf } from '../../../functions/lib/dlq/index.js';
import type { StatsReport } from '../../../local/stats/index.js';
import { uniqueName } from '../../support/local-aws.js';
import { eventline, kafkaFixture } from './support.js';

describe('eventline stats', () => {
  let kafka: Awaited<ReturnType<typeof kafkaFixture>>;
  const prefix = uniqueName('cli.stats');
  const topic = `${prefix}.order.placed`;
  const dlq = dlqTopicOf(topic);
  const group = uniqueName('cli-stats-group');
  /** A Kafka group named as event source mappings name theirs, `<consumer group>.<topic>`: caught up. */
  const idle = `${group}.${topic}`;
  /** Records produced per partition, and how many of them the group has consumed. */
  const produced = [6, 4];
  const consumed = [2, 4];
  /** The first unconsumed record of partition 0 is stamped two minutes before the set-up. */
  let oldestStamp = 0;

  async function deadLetter(offset: number, reason: DlqReason, consumerGroup: string) {
    const record = buildDlqRecord(
      {
        topic,
        partition: 0,
        offset,
        timestamp: Date.now(),
        key: Buffer.from('o-1'),
        value: Buffer.from('v'),
        headers: [],
      },
      { reason, error: new Error(`failed at ${offset}`), consumerGroup },
    );
    await kafka.send(record.topic, [record]);
  }

  /** The age reported is that of the record at the committed offset, taken while the CLI ran. */
  function expectAgeOfOldest(seconds: number | null | undefined, before: number) {
    expect(seconds).toBeGreaterThanOrEqual((before - oldestStamp) / 1000 - 0.1);
    expect(seconds).toBeLessThanOrEqual((Date.now() - oldestStamp) / 1000 + 0.1);
  }

  beforeAll(async () => {
    kafka = await kafkaFixture();
    await kafka.createTopic(topic, 2);
    await kafka.createTopic(dlq, 1);
    const start = Date.now() - 10 * 60_000;
    oldestStamp = Date.now() - 120_000;
    for (const [partition, count] of produced.entries()) {
      // Timestamps a second apart; on partition 0 the one at the group's committed offset is oldestStamp.
      await kafka.send(
        topic,
        Array.from({ length: count }, (_, i) => ({
          partition,
          key: `k${partition}`,
          value: `v${i}`,
          timestamp: String(
            partition === 0 ? oldestStamp + (i - (consumed[0] as number)) * 1000 : start + i * 1000,
          ),
        })),
      );
    }
    for (const id of [group, idle]) {
      await kafka.admin.setOffsets({
        groupId: id,
        topic,
        partitions: produced.map((count, partition) => ({
          partition,
          offset: String(id === group ? (consumed[partition] as number) : count),
        })),
      });
    }
    await deadLetter(2, 'handler-rejected', group);
    await deadLetter(3, 'handler-rejected', group);
    await deadLetter(4, 'validation', group);
    await deadLetter(5, 'deserialization', idle);
  });
  afterAll(async () => {
    await kafka.admin.deleteGroups([group, idle]).catch(() => undefined);
    await kafka.teardown();
  });

  it('reports lag in records and as the age of the oldest unconsumed record, and DLQ counts per reason', () => {
    const before = Date.now();
    const { code, stdout, stderr } = eventline(['stats', '--topic-prefix', prefix, '--json']);

    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as StatsReport;
    const mine = report.lag.filter((l) => l.group === group || l.group === idle);
    const behind = produced.reduce((sum, n, p) => sum + n - (consumed[p] as number), 0);
    expect(mine).toEqual(
      [
        { group, topic, records: behind, seconds: expect.any(Number) },
        { group: idle, topic, records: 0, seconds: 0 },
      ].sort((a, b) => a.group.localeCompare(b.group)),
    );
    expectAgeOfOldest(mine.find((l) => l.group === group)?.seconds, before);
    expect(report.dlq).toEqual([
      {
        dlqTopic: dlq,
        records: 4,
        foreign: 0,
        groups: { [group]: { 'handler-rejected': 2, validation: 1 }, [idle]: { deserialization: 1 } },
      },
    ]);
  });

  it("prints one lag line per group and topic and the DLQ counts for people; --group keeps the consumer group's Kafka groups and its DLQ records", () => {
    const before = Date.now();
    const { code, stdout } = eventline(['stats', '--topic-prefix', prefix, '--group', group]);

    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^at \d{4}-\d\d-\d\dT/);
    const lag = `lag  ${group}  ${topic}  records 4  oldest unconsumed `;
    expect(lines[1]?.startsWith(lag)).toBe(true);
    expectAgeOfOldest(Number(lines[1]?.slice(lag.length).replace(/ s$/, '')), before);
    expect(lines[2]).toBe(`lag  ${idle}  ${topic}  records 0  oldest unconsumed 0 s`);
    expect(lines.slice(3)).toEqual([
      `${dlq}  records 3`,
      `  group ${group}  3  (handler-rejected 2, validation 1)`,
      '1 DLQ topic(s), 3 record(s)',
      '',
    ]);
  });
});
