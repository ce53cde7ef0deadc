import { readFileSync } from 'node:fs';
import {
  DescribeTableCommand,
  DynamoDBClient,
  ProvisionedThroughputExceededException,
} from '@aws-sdk/client-dynamodb';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnvNames } from '../../functions/lib/config/env-names.js';
import { brokerAddress } from '../integration/outbox/support.js';
import { localClientConfig } from '../support/local-aws.js';
import { type PipelineConfig, Roles } from './harness/config.js';
import { FaultsHarnessError } from './harness/errors.js';
import { assertStagedBundle, stagedFunction } from './harness/functions.js';
import { KafkaProxy } from './harness/kafka-proxy.js';
import { createRun, dropRun } from './harness/resources.js';
import { ThrottlingProxy } from './harness/throttling.js';

describe('The fault suite runs what deploys', () => {
  let run: PipelineConfig;
  beforeAll(async () => {
    run = await createRun();
  });
  afterAll(async () => {
    if (run) await dropRun(run);
  });

  it("runs the relay's staged bundle with the template's environment resolved to the run", () => {
    const { fn, env } = stagedFunction(run, Roles.relay, {});
    expect(fn.codeFile.startsWith(`${run.app.directory}/asset.`)).toBe(true);
    expect(fn.codeFile).toMatch(/\/index\.mjs$/);
    // The bundle was built from the app's own handler, as cdk deploy uploads it.
    expect(fn.sourceFile).toMatch(/\/functions\/outbox-relay\/handler\.ts$/);
    expect(env).toMatchObject({
      [EnvNames.outboxTableName]: run.outboxTable,
      [EnvNames.relayFailureQueueUrl]: run.failureQueueUrl,
      [EnvNames.kafkaAuth]: 'plaintext',
      NODE_OPTIONS: '--enable-source-maps',
    });
  });

  it("runs the ledger consumer's staged bundle, declared in the app as the README adds a consumer", () => {
    const { fn, env } = stagedFunction(run, Roles.consumer, {});
    expect(fn.codeFile.startsWith(`${run.app.directory}/asset.`)).toBe(true);
    // Its source map lists the suite's handler: the bundle was built from it by the app's construct.
    const { sources } = JSON.parse(readFileSync(`${fn.codeFile}.map`, 'utf8')) as { sources: string[] };
    expect(sources.some((s) => s.endsWith('test/faults/ledger-function/handler.ts'))).toBe(true);
    expect(env).toMatchObject({
      [EnvNames.idempotencyTableName]: run.idempotencyTable,
      [EnvNames.consumerGroup]: 'faults-ledger',
    });
  });

  it('refuses to run a handler from its source instead of a staged bundle', () => {
    const { fn } = stagedFunction(run, Roles.relay, {});
    expect(() => assertStagedBundle({ ...fn, codeFile: fn.sourceFile as string }, run.app.directory)).toThrow(
      FaultsHarnessError,
    );
    expect(() =>
      assertStagedBundle(
        { ...fn, codeFile: `${run.app.directory}/../functions/outbox-relay/handler.js` },
        run.app.directory,
      ),
    ).toThrow(/not a bundle staged/);
  });
});

describe('KafkaProxy', () => {
  it('keeps a client behind it: the brokers it advertises are the proxy, and closing it cuts the client off', async () => {
    const proxy = new KafkaProxy(brokerAddress());
    await proxy.open();
    const kafka = new Kafka({
      brokers: [`127.0.0.1:${proxy.port}`],
      logLevel: logLevel.NOTHING,
      connectionTimeout: 500,
      retry: { retries: 0 },
    });
    const admin = kafka.admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      expect(cluster.brokers.map((b) => b.port)).toEqual([proxy.port]);
      await proxy.close();
      await expect(admin.fetchTopicMetadata({ topics: [] })).rejects.toThrow();
    } finally {
      await admin.disconnect().catch(() => undefined);
      await proxy.close();
    }
  });
});

describe('ThrottlingProxy', () => {
  const endpoint = new URL(localClientConfig('dynamodb').endpoint as string);
  const through = (proxy: ThrottlingProxy) =>
    new DynamoDBClient({ ...localClientConfig('dynamodb'), endpoint: `http://127.0.0.1:${proxy.port}` });

  it('answers a picked call ProvisionedThroughputExceeded on every attempt of the SDK', async () => {
    const proxy = new ThrottlingProxy(endpoint, 1);
    await proxy.open();
    try {
      const client = through(proxy);
      const error = await client
        .send(new DescribeTableCommand({ TableName: 'faults-throttled' }))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProvisionedThroughputExceededException);
      // The SDK retried it, as it retries throttling in AWS, and every attempt was throttled.
      expect((error as ProvisionedThroughputExceededException).$metadata.attempts).toBe(
        await client.config.maxAttempts(),
      );
    } finally {
      await proxy.close();
    }
  });

  it('forwards the calls it does not pick to DynamoDB', async () => {
    const proxy = new ThrottlingProxy(endpoint, 0);
    await proxy.open();
    try {
      const error = await through(proxy)
        .send(new DescribeTableCommand({ TableName: `faults-missing-${Date.now()}` }))
        .catch((e: unknown) => e);
      // DynamoDB Local's own answer came back through the proxy.
      expect((error as Error).name).toBe('ResourceNotFoundException');
    } finally {
      await proxy.close();
    }
  });
});
