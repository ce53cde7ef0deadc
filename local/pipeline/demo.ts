import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { EnvNames } from '../../functions/lib/config/env-names.js';
import { isAwsError } from '../../functions/lib/errors/index.js';
import type { Manifest } from '../../functions/lib/manifest/index.js';
import { createOutboxWriter, schemaPayloadValidator } from '../../functions/lib/outbox/index.js';
import { DekRegistryClient } from '../../functions/lib/registry/index.js';
import {
  awsKmsKek,
  DekKeyring,
  FieldEncryptor,
  httpDekRegistry,
  type KmsKeyIds,
} from '../../functions/lib/serde/encryption/index.js';
import { stackEnv } from '../stack/env.js';
import type { PipelineClients } from './clients.js';
import { runDemoProducer } from './demo-producer.js';
import { PipelineError } from './errors.js';
import type { RunningFunction } from './functions.js';
import type { PipelineOptions } from './options.js';
import type { PiiScan } from './pii-scan.js';
import type { ResourceScope } from './scope.js';
import type { PipelineStats } from './stats.js';

/** The consumer whose read model decides when an order is projected (its handler folder). */
export const projectionFunction = 'order-projection';

/** The functions of the template the demo watches, and the tables it reads them by. */
export interface DemoTargets {
  readonly projection: RunningFunction;
  /** The outbox table the relay reads: the demo's orders are written there. */
  readonly outboxTable: string;
  readonly readModelTable: string;
}

/** Finds the relay's outbox and the projection's read model in the running functions' resolved environments. */
export function demoTargets(functions: readonly RunningFunction[]): DemoTargets {
  const projection = functions.find((f) => f.fn.name === projectionFunction);
  if (!projection) {
    throw new PipelineError(
      `the demo needs the ${projectionFunction} consumer (functions/${projectionFunction}/handler.ts) in the template; it has ${functions.map((f) => f.fn.name).join(', ')}`,
    );
  }
  const relay = functions.find((f) => EnvNames.relayFailureQueueUrl in f.env);
  const outboxTable = relay?.env[EnvNames.outboxTableName];
  if (!outboxTable)
    throw new PipelineError('no function of the template relays an outbox table (EVENTLINE_OUTBOX_TABLE)');
  return { projection, outboxTable, readModelTable: envOf(projection, EnvNames.orderReadModelTableName) };
}

/** A variable of a running function's resolved environment, or a message naming what the template lacks. */
export function envOf(fn: RunningFunction, name: string): string {
  const value = fn.env[name];
  if (!value) throw new PipelineError(`${fn.fn.name} (${fn.fn.logicalId}) has no ${name} in the template`);
  return value;
}

/** The demo order service's own table (the domain write beside each outbox item): demo code, not part of the app. */
export async function createDemoTable(clients: PipelineClients, prefix: string): Promise<string> {
  const name = `${prefix}-order-service`;
  try {
    await clients.dynamodb.send(
      new CreateTableCommand({
        TableName: name,
        AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  } catch (error) {
    if (!isAwsError(error, 'ResourceInUseException')) throw error;
  }
  return name;
}

export interface RunningDemo {
  /** Settles when the producer has placed its orders (or stopped). */
  readonly producing: Promise<void>;
  /** Aborted when the demo stops: Ctrl-C, `--duration`, or the end of the run. */
  readonly stopped: AbortSignal;
  /** Stops the producer and waits for it (idempotent; its failure is the poll loop's to report). */
  readonly stop: () => Promise<void>;
}

/** Starts the demo producer through the outbox; the scope stops it, as do Ctrl-C and `--duration`. */
export function startDemo(input: {
  readonly options: PipelineOptions;
  readonly clients: PipelineClients;
  readonly manifest: Manifest;
  /** The local KMS key of each manifest KEK: PII-tagged fields are encrypted before the outbox. */
  readonly kmsKeyIds: KmsKeyIds;
  readonly outboxTable: string;
  readonly orderServiceTable: string;
  readonly runId: string;
  readonly stats: PipelineStats;
  readonly pii: PiiScan;
  readonly signal: AbortSignal;
  readonly scope: ResourceScope;
}): RunningDemo {
  const { options, clients } = input;
  const demo = new AbortController();
  input.signal.addEventListener('abort', () => demo.abort(), { once: true });
  if (options.durationSeconds) setTimeout(() => demo.abort(), options.durationSeconds * 1000).unref();
  const producing = runDemoProducer({
    outbox: createOutboxWriter({
      client: clients.dynamodb,
      tableName: input.outboxTable,
      manifest: input.manifest,
      source: 'orders-demo',
      validatePayload: schemaPayloadValidator(),
      encryption: {
        // DEKs in the local registry service's DEK registry, whichever registry holds the schemas.
        encryptor: new FieldEncryptor(
          new DekKeyring({
            registry: httpDekRegistry(
              new DekRegistryClient({ url: stackEnv()[EnvNames.registryUrl] as string }),
            ),
            kek: awsKmsKek(clients.kms),
          }),
        ),
        kmsKeyIds: input.kmsKeyIds,
      },
    }),
    dynamodb: clients.dynamodb,
    orderServiceTable: input.orderServiceTable,
    kafkaProducer: clients.producer,
    runId: input.runId,
    prefix: options.prefix,
    rate: options.rate,
    ...(options.orders !== undefined ? { orders: options.orders } : {}),
    poisonRate: options.poisonRate,
    stats: input.stats,
    pii: input.pii,
    signal: demo.signal,
  });
  const stop = async () => {
    demo.abort();
    await producing.catch(() => {});
  };
  input.scope.defer('demo producer', stop);
  return { producing, stopped: demo.signal, stop };
}
