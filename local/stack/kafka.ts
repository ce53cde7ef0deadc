import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { HOST, ports } from './config.js';
import { resolveClasspaths } from './maven.js';
import { dataDir, projectRoot } from './paths.js';
import type { ServiceDefinition } from './service.js';
import { runSetup } from './tools.js';

const kafkaDir = join(dataDir, 'kafka');
const propertiesFile = join(kafkaDir, 'server.properties');

/** Single-node KRaft broker+controller; replication 1, topics created explicitly like on MSK. */
function serverProperties(logDirs: string): string {
  return Object.entries({
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.bootstrap.servers': `${HOST}:${ports.kafkaController}`,
    listeners: `PLAINTEXT://${HOST}:${ports.kafka},CONTROLLER://${HOST}:${ports.kafkaController}`,
    'advertised.listeners': `PLAINTEXT://${HOST}:${ports.kafka}`,
    'inter.broker.listener.name': 'PLAINTEXT',
    'controller.listener.names': 'CONTROLLER',
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'log.dirs': logDirs,
    'num.partitions': 1,
    'default.replication.factor': 1,
    'min.insync.replicas': 1,
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'transaction.state.log.num.partitions': 1,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    'group.initial.rebalance.delay.ms': 0,
    'auto.create.topics.enable': false,
    'delete.topic.enable': true,
  })
    .map(([key, value]) => `${key}=${value}`)
    .join('\n');
}

const jvmOptions = [
  '-Xms64m',
  '-Xmx384m',
  '-XX:+UseSerialGC',
  '-Djava.awt.headless=true',
  `-Dlog4j2.configurationFile=${join(projectRoot, 'local', 'stack', 'kafka', 'log4j2.xml')}`,
];

export const kafka: ServiceDefinition = {
  name: 'kafka',
  description: 'Apache Kafka 4.1 broker (KRaft, single node)',
  port: ports.kafka,
  extraPorts: [ports.kafkaController],
  startTimeoutMs: 90_000,
  async prepare() {
    const classpath = ((await resolveClasspaths()).kafka ?? []).join(':');
    // A fresh log directory each start: the local stack keeps no state between runs.
    rmSync(kafkaDir, { recursive: true, force: true });
    mkdirSync(kafkaDir, { recursive: true });
    writeFileSync(propertiesFile, serverProperties(join(kafkaDir, 'logs')));
    const clusterId = randomBytes(16);
    clusterId[0] = (clusterId[0] ?? 0) & 0x7f; // a leading '-' would read as an option
    await runSetup(
      'java',
      [
        ...jvmOptions,
        '-cp',
        classpath,
        'kafka.tools.StorageTool',
        'format',
        '-t',
        clusterId.toString('base64url'),
        '-c',
        propertiesFile,
        '--standalone',
      ],
      'Formatting the Kafka log directory',
    );
    return { command: 'java', args: [...jvmOptions, '-cp', classpath, 'kafka.Kafka', propertiesFile] };
  },
  async probe() {
    const admin = new Kafka({
      brokers: [`${HOST}:${ports.kafka}`],
      clientId: 'eventline-stack-probe',
      connectionTimeout: 1_000,
      requestTimeout: 2_000,
      retry: { retries: 0 },
      logLevel: logLevel.NOTHING,
    }).admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      return cluster.brokers.length > 0;
    } catch {
      return false;
    } finally {
      await admin.disconnect().catch(() => {});
    }
  },
};
