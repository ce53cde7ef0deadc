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
 * Makes every producer of this client report its Produce requests, through kafkajs'
 * instrumentation events, without touching the code that uses the client.
 */
export function countProduceRequests(kafka: Kafka, onProduce: () => void): Kafka {
  const createProducer = kafka.producer.bind(kafka);
  kafka.producer = (config) => {
    const producer = createProducer(config);
    producer.on(producer.events.REQUEST, (event) => {
      if (event.payload.apiName === 'Produce') onProduce();
    });
    return producer;
  };
  return kafka;
}
