import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { EnvNames } from '../../../functions/lib/config/env-names.js';
import { DynamoDbStreamTrigger, type LambdaHandler } from '../../../local/triggers/index.js';
import { localClientConfig } from '../../support/local-aws.js';
import { ChildRole } from './child.js';
import { type PipelineConfig, type RoleOptions, Roles } from './config.js';
import { stagedFunction, startSandbox } from './functions.js';

export interface RunningRole {
  stop(): Promise<void>;
}

/** The outbox relay in a process of its own (see `runRelay`), started and polling. */
export async function startRelay(run: PipelineConfig, options: RoleOptions = {}): Promise<RunningRole> {
  const child = new ChildRole(Roles.relay, run, options);
  await child.start();
  return child;
}

/**
 * The app's outbox relay as its Lambda runs it: the staged bundle from the suite's cloud assembly
 * with the template's environment, behind the local DynamoDB Streams trigger. Faults reach it from
 * outside: the broker through a Kafka proxy, the registry through a TCP proxy.
 */
export async function runRelay(run: PipelineConfig, options: RoleOptions = {}): Promise<RunningRole> {
  const staged = stagedFunction(run, Roles.relay, {
    // The run's manifest: OrderPaid on the run's own topic.
    [EnvNames.schemasDir]: run.schemasDir,
    [EnvNames.registryUrl]: options.registryUrl ?? run.registryUrl,
    ...(options.brokerProxyPort === undefined
      ? {}
      : { [EnvNames.kafkaBrokers]: `127.0.0.1:${options.brokerProxyPort}` }),
    ...(run.maxMessageBytes === undefined
      ? {}
      : { [EnvNames.kafkaMaxMessageBytes]: String(run.maxMessageBytes) }),
  });
  const { sandbox, stop } = await startSandbox(run, Roles.relay, staged);
  const trigger = new DynamoDbStreamTrigger({
    functionName: staged.fn.name,
    handler: sandbox.handler as LambdaHandler<DynamoDBStreamEvent>,
    streamArn: run.streamArn,
    streams: new DynamoDBStreamsClient(localClientConfig('dynamodb')),
    batchSize: 100,
    reportBatchItemFailures: true,
    retryDelayMs: 200,
    timeoutMs: options.timeoutMs ?? 10_000,
  });
  trigger.start();
  return {
    async stop() {
      await trigger.stop();
      await stop();
    },
  };
}
