import { describe, expect, it } from 'vitest';
import { ConsumerConfigError, parseConsumerConfig } from '../../../functions/lib/consumer/config.js';

const base = {
  AWS_REGION: 'eu-west-1',
  EVENTLINE_CONSUMER_GROUP: 'order-projection',
  EVENTLINE_IDEMPOTENCY_TABLE: 'idem',
  EVENTLINE_MSK_CLUSTER_ARN: 'arn:aws:kafka:eu-west-1:123456789012:cluster/eventline/x',
  EVENTLINE_REGISTRY_KIND: 'glue',
  EVENTLINE_GLUE_REGISTRY: 'eventline',
};

describe('parseConsumerConfig', () => {
  it('defaults to IAM auth with an MSK cluster and reads the Glue registry', () => {
    const config = parseConsumerConfig(base);

    expect(config.kafka).toEqual({ clusterArn: base.EVENTLINE_MSK_CLUSTER_ARN, auth: 'iam' });
    expect(config.registry).toEqual({ kind: 'glue', registryName: 'eventline', region: 'eu-west-1' });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('uses plaintext with fixed brokers (the local stack)', () => {
    const { EVENTLINE_MSK_CLUSTER_ARN: _arn, ...local } = base;

    const config = parseConsumerConfig({ ...local, EVENTLINE_KAFKA_BROKERS: '127.0.0.1:9092' });

    expect(config.kafka).toEqual({ brokers: ['127.0.0.1:9092'], auth: 'plaintext' });
  });

  it('names the missing variable', () => {
    const { EVENTLINE_IDEMPOTENCY_TABLE: _table, ...missing } = base;

    expect(() => parseConsumerConfig(missing)).toThrow(ConsumerConfigError);
    expect(() => parseConsumerConfig(missing)).toThrow(/EVENTLINE_IDEMPOTENCY_TABLE/);
  });

  it('reads the KEK ARNs it may decrypt with, and its DEK registry: the registry service, or its own URL', () => {
    const arns = '{"orders-pii":"arn:aws:kms:eu-west-1:123456789012:key/k"}';
    const service = {
      ...base,
      EVENTLINE_REGISTRY_KIND: 'confluent',
      EVENTLINE_REGISTRY_URL: 'https://registry',
    };

    const viaService = parseConsumerConfig({ ...service, EVENTLINE_KEK_KEY_ARNS: arns });
    const viaGlue = parseConsumerConfig({
      ...base,
      EVENTLINE_KEK_KEY_ARNS: arns,
      EVENTLINE_DEK_REGISTRY_URL: 'http://127.0.0.1:8085',
    });

    expect(viaService.kmsKeyIds).toEqual({ 'orders-pii': 'arn:aws:kms:eu-west-1:123456789012:key/k' });
    expect(viaService.dekRegistryUrl).toBe('https://registry');
    expect(viaGlue.dekRegistryUrl).toBe('http://127.0.0.1:8085');
    expect(parseConsumerConfig(base).kmsKeyIds).toEqual({});
  });

  it('refuses KEK ARNs that are not a JSON map, or that no DEK registry can serve', () => {
    expect(() => parseConsumerConfig({ ...base, EVENTLINE_KEK_KEY_ARNS: 'orders-pii' })).toThrow(
      /EVENTLINE_KEK_KEY_ARNS is not JSON/,
    );
    expect(() => parseConsumerConfig({ ...base, EVENTLINE_KEK_KEY_ARNS: '{"orders-pii":""}' })).toThrow(
      /JSON object of KEK names to KMS key ARNs/,
    );
    expect(() => parseConsumerConfig({ ...base, EVENTLINE_KEK_KEY_ARNS: '{"orders-pii":"arn"}' })).toThrow(
      /set EVENTLINE_DEK_REGISTRY_URL/,
    );
  });
});
