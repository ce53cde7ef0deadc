import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName } from '../../support/local-aws.js';
import { eventline, kafkaFixture } from './support.js';

describe('eventline topics and groups', () => {
  let kafka: Awaited<ReturnType<typeof kafkaFixture>>;
  const topic = uniqueName('cli.topics');
  const group = uniqueName('cli-group');

  beforeAll(async () => {
    kafka = await kafkaFixture();
    await kafka.admin.createTopics({
      topics: [{ topic, numPartitions: 2, configEntries: [{ name: 'retention.ms', value: '3600000' }] }],
      waitForLeaders: true,
    });
    await kafka.send(topic, [
      { partition: 0, key: 'a', value: 'a1' },
      { partition: 0, key: 'a', value: 'a2' },
      { partition: 0, key: 'a', value: 'a3' },
      { partition: 1, key: 'b', value: 'b1' },
    ]);
    // A group that has read one record of partition 0 and everything of partition 1, and has no members.
    await kafka.admin.setOffsets({
      groupId: group,
      topic,
      partitions: [
        { partition: 0, offset: '1' },
        { partition: 1, offset: '1' },
      ],
    });
  });
  afterAll(async () => {
    await kafka.admin.deleteGroups([group]).catch(() => undefined);
    await kafka.admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await kafka.teardown();
  });

  it('lists the topic with its partition count', () => {
    const { code, stdout } = eventline(['topics', 'list']);

    expect(code).toBe(0);
    expect(stdout.split('\n')).toContain(`${topic}  partitions 2`);
    expect(stdout).not.toContain('__consumer_offsets');
  });

  it('describes partitions, replication, the configs set on the topic and the offsets', () => {
    const { code, stdout } = eventline(['topics', 'describe', topic]);

    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(`topic ${topic}`);
    expect(lines[1]).toBe('partitions 2  replication factor 1');
    expect(lines[2]).toContain('retention.ms=3600000');
    expect(lines[3]).toMatch(/^partition 0 .* offsets 0\.\.3 {2}records 3$/);
    expect(lines[4]).toMatch(/^partition 1 .* offsets 0\.\.1 {2}records 1$/);
  });

  it("shows a group's lag per partition", () => {
    const { code, stdout } = eventline(['groups', 'describe', group]);

    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        `group ${group}  Empty  members 0`,
        `${topic}  partition 0  committed 1  end 3  lag 2`,
        `${topic}  partition 1  committed 1  end 1  lag 0`,
        'total lag 2',
        '',
      ].join('\n'),
    );
    expect(eventline(['groups', 'list']).stdout.split('\n')).toContain(`${group}  Empty  members 0`);
  });

  it('resets a group to the earliest offsets, changing nothing with --dry-run', async () => {
    const dry = eventline(['groups', 'reset', group, '--topic', topic, '--to', 'earliest', '--dry-run']);

    expect(dry.code).toBe(0);
    expect(dry.stdout).toBe(
      `would reset ${topic} partition 0: 1 -> 0\nwould reset ${topic} partition 1: 1 -> 0\n`,
    );
    const unchanged = await kafka.admin.fetchOffsets({ groupId: group, topics: [topic] });
    expect(unchanged[0]?.partitions.map((p) => p.offset).sort()).toEqual(['1', '1']);

    const done = eventline([
      'groups',
      'reset',
      group,
      '--topic',
      topic,
      '--to',
      'earliest',
      '--partitions',
      '0',
    ]);

    expect(done.code).toBe(0);
    expect(done.stdout).toBe(`reset ${topic} partition 0: 1 -> 0\n`);
    const after = await kafka.admin.fetchOffsets({ groupId: group, topics: [topic] });
    const byPartition = Object.fromEntries(after[0]?.partitions.map((p) => [p.partition, p.offset]) ?? []);
    expect(byPartition).toEqual({ 0: '0', 1: '1' });
  });

  it('refuses to reset a group while it has members', async () => {
    const member = uniqueName('cli-live');
    const consumer = kafka.client.consumer({ groupId: member });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.run({ eachMessage: async () => undefined });
    await joined;
    try {
      const { code, stderr } = eventline(['groups', 'reset', member, '--topic', topic, '--to', 'latest']);

      expect(code).toBe(1);
      expect(stderr).toMatch(
        /^eventline: group .* has 1 member\(s\) \(Stable\): stop its consumers, then reset\n$/,
      );
    } finally {
      await consumer.disconnect();
      await kafka.admin.deleteGroups([member]).catch(() => undefined);
    }
  });

  it('refuses a group that does not exist', () => {
    const { code, stderr } = eventline(['groups', 'describe', uniqueName('cli-none')]);

    expect(code).toBe(1);
    expect(stderr).toMatch(/^eventline: group .* does not exist\n$/);
  });
});
