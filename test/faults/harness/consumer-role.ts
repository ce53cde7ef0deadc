import type { MSKEvent } from 'aws-lambda';
import { EnvNames } from '../../../functions/lib/config/env-names.js';
import { KafkaTrigger, type LambdaHandler } from '../../../local/triggers/index.js';
import { localClientConfig } from '../../support/local-aws.js';
import { FaultsEnv } from '../ledger-function/env.js';
import { ChildRole } from './child.js';
import { type PipelineConfig, type RoleOptions, Roles } from './config.js';
import { stagedFunction, startSandbox } from './functions.js';
import { roleKafka } from './kafka-client.js';
import type { RunningRole } from './relay-role.js';
import { ThrottlingProxy } from './throttling.js';

/** The ledger consumer in a process of its own (see `runConsumer`), started and polling. */
export async function startConsumer(run: PipelineConfig, options: RoleOptions = {}): Promise<RunningRole> {
  const child = new ChildRole(Roles.consumer, run, options);
  await child.start();
  return child;
}

/**
 * The suite's ledger consumer as its MSK event source mapping runs it: the staged bundle from the
 * suite's cloud assembly with the template's environment, behind the local Kafka trigger. Faults
 * reach it from outside (DynamoDB and the DLQ's broker through proxies, throttling answered by
 * an HTTP proxy) or through the test function's own variables (slow records, no idempotency).
 */
export async function runConsumer(run: PipelineConfig, options: RoleOptions = {}): Promise<RunningRole> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const dynamodbEndpoint = new URL(localClientConfig('dynamodb').endpoint as string);
  const throttling = options.throttleRate
    ? new ThrottlingProxy(dynamodbEndpoint, options.throttleRate)
    : undefined;
  await throttling?.open();
  const dynamodbPort = options.dynamodbProxyPort ?? throttling?.port;
  const staged = stagedFunction(run, Roles.consumer, {
    [EnvNames.registryUrl]: options.registryUrl ?? run.registryUrl,
    // The consumer's Kafka client is its DLQ producer: through a proxy, a DLQ that cannot be written.
    ...(options.dlqProxyPort === undefined
      ? {}
      : { [EnvNames.kafkaBrokers]: `127.0.0.1:${options.dlqProxyPort}` }),
    ...(dynamodbPort === undefined
      ? {}
      : {
          [EnvNames.dynamodbEndpoint]: `http://127.0.0.1:${dynamodbPort}`,
          AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${dynamodbPort}`,
        }),
    [FaultsEnv.ledgerTable]: run.ledgerTable,
    ...(options.slowRate
      ? { [FaultsEnv.slowRate]: String(options.slowRate), [FaultsEnv.slowMs]: String(timeoutMs + 1500) }
      : {}),
    ...(options.withoutIdempotency ? { [FaultsEnv.withoutIdempotency]: 'true' } : {}),
  });
  const { sandbox, stop } = await startSandbox(run, Roles.consumer, staged);
  const trigger = new KafkaTrigger({
    functionName: staged.fn.name,
    handler: sandbox.handler as LambdaHandler<MSKEvent>,
    kafka: roleKafka(run, 'faults-consumer'),
    topics: [run.topic],
    groupId: options.groupId ?? `${run.runId}-ledger`,
    bootstrapServers: run.brokers.join(','),
    batchSize: 20,
    maximumBatchingWindowMs: 50,
    reportBatchItemFailures: true,
    retryDelayMs: 200,
    timeoutMs,
  });
  await trigger.start();
  return {
    async stop() {
      await trigger.stop();
      await stop();
      await throttling?.close();
    },
  };
}
