import { describe, expect, it } from 'vitest';
import { parseRelayConfig } from '../../../functions/outbox-relay/config.js';
import { RelayConfigError } from '../../../functions/outbox-relay/errors.js';

const local = {
  AWS_REGION: 'us-east-1',
  EVENTLINE_KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9093',
  EVENTLINE_REGISTRY_KIND: 'confluent',
  EVENTLINE_REGISTRY_URL: 'http://127.0.0.1:8081/apis/ccompat/v7',
  EVENTLINE_RELAY_FAILURE_QUEUE_URL: 'http://127.0.0.1:5000/123456789012/relay-failures',
  EVENTLINE_AWS_ENDPOINT: 'http://127.0.0.1:5000',
};

describe('Relay config', () => {
  it('parses a local environment into a frozen object with plaintext Kafka', () => {
    const config = parseRelayConfig(local);

    expect(config.kafka).toEqual({
      brokers: ['127.0.0.1:9092', '127.0.0.1:9093'],
      auth: 'plaintext',
      mskEndpoint: 'http://127.0.0.1:5000',
      maxMessageBytes: 1_048_588,
    });
    expect(config.registry).toEqual({ kind: 'confluent', url: 'http://127.0.0.1:8081/apis/ccompat/v7' });
    expect(config.registrySecretArn).toBeUndefined();
    expect(
      parseRelayConfig({ ...local, EVENTLINE_REGISTRY_SECRET_ARN: 'arn:aws:secretsmanager:x' })
        .registrySecretArn,
    ).toBe('arn:aws:secretsmanager:x');
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.kafka)).toBe(true);
  });

  it('defaults to MSK IAM with a cluster ARN and reads the Glue registry', () => {
    const config = parseRelayConfig({
      AWS_REGION: 'eu-west-1',
      EVENTLINE_MSK_CLUSTER_ARN: 'arn:aws:kafka:eu-west-1:123456789012:cluster/events/abc',
      EVENTLINE_REGISTRY_KIND: 'glue',
      EVENTLINE_GLUE_REGISTRY: 'eventline',
      EVENTLINE_RELAY_FAILURE_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/relay-failures',
      EVENTLINE_KAFKA_MAX_MESSAGE_BYTES: '8388608',
    });

    expect(config.kafka).toMatchObject({ auth: 'iam', maxMessageBytes: 8_388_608 });
    expect(config.registry).toEqual({ kind: 'glue', registryName: 'eventline', region: 'eu-west-1' });
  });

  it('names the variable that is missing or wrong', () => {
    const { EVENTLINE_RELAY_FAILURE_QUEUE_URL: _, ...noQueue } = local;

    expect(() => parseRelayConfig(noQueue)).toThrow(/EVENTLINE_RELAY_FAILURE_QUEUE_URL/);
    expect(() => parseRelayConfig({ ...local, EVENTLINE_KAFKA_BROKERS: '' })).toThrow(
      /EVENTLINE_MSK_CLUSTER_ARN/,
    );
    expect(() => parseRelayConfig({ ...local, EVENTLINE_KAFKA_AUTH: 'scram' })).toThrow(RelayConfigError);
    expect(() => parseRelayConfig({ ...local, EVENTLINE_REGISTRY_KIND: 'apicurio' })).toThrow(
      /EVENTLINE_REGISTRY_KIND/,
    );
    expect(() => parseRelayConfig({ ...local, EVENTLINE_KAFKA_MAX_MESSAGE_BYTES: '-1' })).toThrow(
      /MAX_MESSAGE_BYTES/,
    );
  });
});
