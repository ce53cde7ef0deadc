import { Kafka, logLevel } from 'kafkajs';
import type { Endpoints } from './context.js';

/** A plain kafkajs client on the local broker, for topic set-up and the baseline producer. */
export function localKafka(endpoints: Endpoints, clientId: string): Kafka {
  return new Kafka({ clientId, brokers: [...endpoints.kafkaBrokers], logLevel: logLevel.NOTHING });
}

/** Creates the benchmark's own topics and returns a function that deletes them. */
export async function createBenchTopics(
  kafka: Kafka,
  topics: readonly string[],
  numPartitions: number,
): Promise<() => Promise<void>> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: topics.map((topic) => ({ topic, numPartitions, replicationFactor: 1 })),
  });
  return async () => {
    await admin.deleteTopics({ topics: [...topics] }).catch(() => undefined);
    await admin.disconnect();
  };
}

/** Records the broker holds for a topic: the sum of its partitions' high watermarks. */
export async function topicRecordCount(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Counts Produce requests of every producer a kafkajs client creates from now on with the
 * given client id, through kafkajs' instrumentation events: the code under test builds its own
 * client, so the hook goes on kafkajs' producer factory until `restore` is called.
 */
export function countProduceRequests(clientId: string): {
  readonly count: () => number;
  readonly restore: () => void;
} {
  const original = Kafka.prototype.producer;
  let requests = 0;
  Kafka.prototype.producer = function (this: Kafka, config) {
    const producer = original.call(this, config);
    producer.on(producer.events.REQUEST, (event) => {
      if (event.payload.apiName === 'Produce' && event.payload.clientId === clientId) requests++;
    });
    return producer;
  };
  return {
    count: () => requests,
    restore: () => {
      Kafka.prototype.producer = original;
    },
  };
}
