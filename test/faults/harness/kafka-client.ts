import { connect as tcpConnect } from 'node:net';
import { Kafka, logLevel } from 'kafkajs';
import type { PipelineConfig, RoleOptions } from './config.js';

/**
 * A kafkajs client for one role. Behind a proxy, every connection (bootstrap and the broker
 * address the metadata advertises) goes to the proxy port, so closing the proxy cuts this
 * process off the broker without touching the broker other tests use.
 */
export function roleKafka(run: PipelineConfig, options: RoleOptions, clientId: string): Kafka {
  const port = options.brokerProxyPort;
  const kafka = new Kafka({
    clientId,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 500 },
    ...(port === undefined
      ? { brokers: [...run.brokers] }
      : {
          brokers: [`127.0.0.1:${port}`],
          socketFactory: ({ onConnect }) => tcpConnect({ host: '127.0.0.1', port }, onConnect),
        }),
  });
  // A SIGKILLed member leaves the group only when its session times out: a short session
  // (10 s) instead of kafkajs' 30 s keeps a killed consumer's partitions from idling a whole run.
  const consumer = kafka.consumer.bind(kafka);
  kafka.consumer = (config) =>
    consumer({ ...config, sessionTimeout: 10_000, heartbeatInterval: 500, rebalanceTimeout: 15_000 });
  return kafka;
}
