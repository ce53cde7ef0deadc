import { describe, expect, it } from 'vitest';
import {
  authMode,
  KafkaBootstrapError,
  resolveBootstrapBrokers,
} from '../../../functions/lib/kafka/index.js';

describe('Kafka bootstrap', () => {
  it('uses the broker override without asking MSK, in plaintext by default', async () => {
    const options = { clientId: 't', brokers: ['127.0.0.1:9092'], clusterArn: 'arn:aws:kafka:x' };

    expect(await resolveBootstrapBrokers(options)).toEqual(['127.0.0.1:9092']);
    expect(authMode(options)).toBe('plaintext');
  });

  it('defaults to IAM auth for an MSK cluster', () => {
    expect(authMode({ clientId: 't', clusterArn: 'arn:aws:kafka:x' })).toBe('iam');
  });

  it('refuses, as not retryable, a configuration with neither brokers nor a cluster', async () => {
    const error = await resolveBootstrapBrokers({ clientId: 't' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(KafkaBootstrapError);
    expect((error as KafkaBootstrapError).retryable).toBe(false);
  });
});
