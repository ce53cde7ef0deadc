import { Kafka, logLevel } from 'kafkajs';
import type { PipelineConfig } from './config.js';

/** The kafkajs client of a role's local trigger (the poller's side, never behind a proxy). */
export function roleKafka(run: PipelineConfig, clientId: string): Kafka {
  const kafka = new Kafka({
    clientId,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 500 },
    brokers: [...run.brokers],
  });
  // A SIGKILLed member leaves the group only when its session times out: a short session
  // (10 s) instead of kafkajs' 30 s keeps a killed consumer's partitions from idling a whole run.
  const consumer = kafka.consumer.bind(kafka);
  kafka.consumer = (config) =>
    consumer({ ...config, sessionTimeout: 10_000, heartbeatInterval: 500, rebalanceTimeout: 15_000 });
  return kafka;
}
