import { generateAuthToken } from 'aws-msk-iam-sasl-signer-js';
import { Kafka, type KafkaConfig, logLevel } from 'kafkajs';
import { authMode, resolveBootstrapBrokers } from './bootstrap.js';
import { KafkaBootstrapError } from './errors.js';
import type { KafkaConnectionOptions } from './types.js';

/**
 * A kafkajs client for MSK (IAM auth over TLS) or a plaintext broker (local stack).
 * @example const kafka = await createKafka({ clientId: 'relay', clusterArn });
 */
export async function createKafka(options: KafkaConnectionOptions): Promise<Kafka> {
  const brokers = await resolveBootstrapBrokers(options);
  const config: KafkaConfig = {
    clientId: options.clientId,
    brokers,
    connectionTimeout: options.connectionTimeoutMs ?? 3000,
    requestTimeout: options.requestTimeoutMs ?? 10_000,
    logLevel: options.logLevel ?? logLevel.WARN,
    ...(options.retry ? { retry: options.retry } : {}),
  };
  if (authMode(options) === 'iam') {
    const region = options.region;
    if (!region) throw new KafkaBootstrapError('MSK IAM auth needs options.region', { retryable: false });
    config.ssl = true;
    config.sasl = {
      mechanism: 'oauthbearer',
      // A fresh SigV4 token per (re)authentication; the signer uses the default credential chain.
      oauthBearerProvider: async () => ({ value: (await generateAuthToken({ region })).token }),
    };
  }
  return new Kafka(config);
}
