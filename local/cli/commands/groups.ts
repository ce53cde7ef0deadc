import { Command } from 'commander';
import type { Admin } from 'kafkajs';
import { type ConnectionFlags, withAdmin, withConnection } from '../../kafka/connection.js';
import { parseStartAt, partitionRanges } from '../../kafka/start-offsets.js';
import { partitionList } from '../flags.js';
import { CliError } from '../run.js';

interface ResetFlags extends ConnectionFlags {
  readonly topic: string;
  readonly to: string;
  readonly partitions?: string;
  readonly dryRun?: boolean;
}

/** The group's state and members; a group Kafka does not know is refused by name. */
async function describeGroup(admin: Admin, groupId: string) {
  const [group] = (await admin.describeGroups([groupId])).groups;
  const committed = await admin.fetchOffsets({ groupId });
  // Kafka answers "Dead" with no members for a group id it has never seen.
  if (group === undefined || (group.state === 'Dead' && committed.length === 0)) {
    throw new CliError(`group ${groupId} does not exist`);
  }
  return { state: group.state, members: group.members.length, committed };
}

async function list(flags: ConnectionFlags): Promise<void> {
  await withAdmin(flags, 'eventline-groups', async (admin) => {
    const ids = (await admin.listGroups()).groups.map((g) => g.groupId).sort();
    if (ids.length === 0) return;
    const { groups } = await admin.describeGroups(ids);
    for (const group of groups.sort((a, b) => a.groupId.localeCompare(b.groupId))) {
      process.stdout.write(`${group.groupId}  ${group.state}  members ${group.members.length}\n`);
    }
  });
}

async function describe(groupId: string, flags: ConnectionFlags): Promise<void> {
  await withAdmin(flags, 'eventline-groups', async (admin) => {
    const { state, members, committed } = await describeGroup(admin, groupId);
    const out = [`group ${groupId}  ${state}  members ${members}`];
    let total = 0;
    for (const { topic, partitions } of committed.sort((a, b) => a.topic.localeCompare(b.topic))) {
      const ends = new Map((await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, Number(o.high)]));
      for (const p of [...partitions].sort((a, b) => a.partition - b.partition)) {
        const end = ends.get(p.partition) ?? 0;
        // -1: the group reads the topic but has committed nothing on this partition yet.
        const offset = Number(p.offset);
        const lag = offset < 0 ? undefined : end - offset;
        total += lag ?? 0;
        out.push(
          `${topic}  partition ${p.partition}  committed ${offset < 0 ? '-' : offset}  end ${end}  lag ${lag ?? '-'}`,
        );
      }
    }
    out.push(`total lag ${total}`);
    process.stdout.write(`${out.join('\n')}\n`);
  });
}

async function reset(groupId: string, flags: ResetFlags): Promise<void> {
  const to = parseStartAt(flags.to, '--to');
  const partitions = partitionList(flags.partitions);
  await withAdmin(flags, 'eventline-groups', async (admin) => {
    const { state, members, committed } = await describeGroup(admin, groupId);
    // The broker takes no offsets from outside an active group, and the members would overwrite them anyway.
    if (members > 0) {
      throw new CliError(
        `group ${groupId} has ${members} member(s) (${state}): stop its consumers, then reset`,
      );
    }
    if (!(await admin.listTopics()).includes(flags.topic)) {
      throw new CliError(`topic ${flags.topic} does not exist`);
    }
    const targets = await partitionRanges(admin, flags.topic, to, partitions);
    const current = new Map(
      (committed.find((c) => c.topic === flags.topic)?.partitions ?? []).map((p) => [
        p.partition,
        Number(p.offset),
      ]),
    );
    for (const t of targets) {
      const before = current.get(t.partition);
      process.stdout.write(
        `${flags.dryRun ? 'would reset' : 'reset'} ${flags.topic} partition ${t.partition}: ${before === undefined || before < 0 ? '-' : before} -> ${t.start}\n`,
      );
    }
    if (flags.dryRun) return;
    await admin.setOffsets({
      groupId,
      topic: flags.topic,
      partitions: targets.map((t) => ({ partition: t.partition, offset: String(t.start) })),
    });
  });
}

/** `eventline groups list|describe|reset`: consumer groups, their lag per partition, and offset resets. */
export function groupsCommand(): Command {
  const groups = new Command('groups').description(
    'list consumer groups, show their lag, reset their offsets',
  );
  withConnection(groups.command('list'))
    .description('every consumer group with its state and member count')
    .action((flags: ConnectionFlags) => list(flags));
  withConnection(groups.command('describe'))
    .description('committed offset, end offset and lag per partition the group has committed on')
    .argument('<group>', 'the consumer group')
    .action((groupId: string, flags: ConnectionFlags) => describe(groupId, flags));
  withConnection(groups.command('reset'))
    .description("move a group's committed offsets on one topic (refused while the group has members)")
    .argument('<group>', 'the consumer group')
    .requiredOption('--topic <topic>', 'the topic whose offsets move')
    .requiredOption('--to <where>', 'earliest, latest, an offset, or an ISO-8601 time')
    .option('--partitions <list>', 'only these partitions (comma-separated; default: all)')
    .option('--dry-run', 'print what would change and change nothing')
    .action((groupId: string, flags: ResetFlags) => reset(groupId, flags));
  return groups;
}
