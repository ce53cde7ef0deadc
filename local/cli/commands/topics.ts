import { Command } from 'commander';
import kafkajs from 'kafkajs';
import { type ConnectionFlags, withAdmin, withConnection } from '../../kafka/connection.js';
import { CliError } from '../run.js';

// kafkajs is CommonJS and Node's ESM loader does not see this export by name.
const { ConfigResourceTypes } = kafkajs;

interface TopicsFlags extends ConnectionFlags {
  readonly all?: boolean;
}

async function list(flags: TopicsFlags): Promise<void> {
  await withAdmin(flags, 'eventline-topics', async (admin) => {
    // Kafka's own topics (__consumer_offsets, …) are noise for an application developer.
    const names = (await admin.listTopics()).filter((t) => flags.all || !t.startsWith('__')).sort();
    if (names.length === 0) return;
    const { topics } = await admin.fetchTopicMetadata({ topics: names });
    for (const topic of topics.sort((a, b) => a.name.localeCompare(b.name))) {
      process.stdout.write(`${topic.name}  partitions ${topic.partitions.length}\n`);
    }
  });
}

async function describe(name: string, flags: ConnectionFlags): Promise<void> {
  await withAdmin(flags, 'eventline-topics', async (admin) => {
    if (!(await admin.listTopics()).includes(name)) throw new CliError(`topic ${name} does not exist`);
    const [{ topics }, offsets, configs] = await Promise.all([
      admin.fetchTopicMetadata({ topics: [name] }),
      admin.fetchTopicOffsets(name),
      admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name }],
      }),
    ]);
    const partitions = [...(topics[0]?.partitions ?? [])].sort((a, b) => a.partitionId - b.partitionId);
    const replication = Math.max(0, ...partitions.map((p) => p.replicas.length));
    const set = (configs.resources[0]?.configEntries ?? [])
      .filter((c) => !c.isDefault)
      .map((c) => `${c.configName}=${c.isSensitive ? '(sensitive)' : c.configValue}`)
      .sort();
    const out = [
      `topic ${name}`,
      `partitions ${partitions.length}  replication factor ${replication}`,
      `config ${set.length > 0 ? set.join(' ') : '(broker defaults)'}`,
    ];
    for (const p of partitions) {
      const watermark = offsets.find((o) => o.partition === p.partitionId);
      const low = Number(watermark?.low ?? 0);
      const high = Number(watermark?.high ?? 0);
      out.push(
        `partition ${p.partitionId}  leader ${p.leader}  replicas ${p.replicas.join(',')}  isr ${p.isr.join(',')}  offsets ${low}..${high}  records ${high - low}`,
      );
    }
    process.stdout.write(`${out.join('\n')}\n`);
  });
}

/** `eventline topics list|describe`: the topics of a cluster, their partitions, configs and end offsets. */
export function topicsCommand(): Command {
  const topics = new Command('topics').description(
    'list topics and describe their partitions, configs and offsets',
  );
  withConnection(topics.command('list'))
    .description('every topic with its partition count')
    .option('--all', "include Kafka's internal topics (__consumer_offsets, …)")
    .action((flags: TopicsFlags) => list(flags));
  withConnection(topics.command('describe'))
    .description(
      'partitions (leader, replicas, in-sync replicas, offsets), replication factor and non-default configs',
    )
    .argument('<topic>', 'the topic to describe')
    .action((name: string, flags: ConnectionFlags) => describe(name, flags));
  return topics;
}
