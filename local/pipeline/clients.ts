import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { GlueClient } from '@aws-sdk/client-glue';
import { KMSClient } from '@aws-sdk/client-kms';
import { SQSClient } from '@aws-sdk/client-sqs';
import { type Admin, Kafka, logLevel, type Producer } from 'kafkajs';
import { EnvNames } from '../../functions/lib/config/env-names.js';
import { localAwsConfig } from '../stack/config.js';
import { stackEnv } from '../stack/env.js';
import type { ResourceScope } from './scope.js';

/** The clients a run shares: AWS APIs of the local stack and one Kafka connection. */
export interface PipelineClients {
  readonly dynamodb: DynamoDBClient;
  readonly streams: DynamoDBStreamsClient;
  readonly sqs: SQSClient;
  readonly glue: GlueClient;
  readonly kms: KMSClient;
  readonly kafka: Kafka;
  readonly brokers: readonly string[];
  readonly admin: Admin;
  /** Writes the demo's poison records and the Kafka triggers' failure destination records. */
  readonly producer: Producer;
}

/** Connects to the local stack; every client is closed by the scope. */
export async function openClients(scope: ResourceScope): Promise<PipelineClients> {
  const env = stackEnv();
  const dynamodb = new DynamoDBClient(localAwsConfig(env[EnvNames.dynamodbEndpoint]));
  const streams = new DynamoDBStreamsClient(localAwsConfig(env[EnvNames.dynamodbEndpoint]));
  const sqs = new SQSClient(localAwsConfig(env[EnvNames.awsEndpoint]));
  const glue = new GlueClient(localAwsConfig(env[EnvNames.glueEndpoint]));
  const kms = new KMSClient(localAwsConfig(env[EnvNames.awsEndpoint]));
  for (const client of [dynamodb, streams, sqs, glue, kms]) scope.defer('AWS client', () => client.destroy());
  const brokers = (env[EnvNames.kafkaBrokers] as string).split(',');
  const kafka = new Kafka({ clientId: 'eventline-start', brokers, logLevel: logLevel.NOTHING });
  const admin = await scope.use(
    'Kafka admin',
    async () => {
      const a = kafka.admin();
      await a.connect();
      return a;
    },
    (a) => a.disconnect(),
  );
  const producer = await scope.use(
    'Kafka producer',
    async () => {
      const p = kafka.producer({ idempotent: true });
      await p.connect();
      return p;
    },
    (p) => p.disconnect(),
  );
  return { dynamodb, streams, sqs, glue, kms, kafka, brokers, admin, producer };
}
