import { describe, expect, it } from 'vitest';
import { readMapping, UnsupportedTemplateError } from '../../../local/assembly/index.js';

const kafkaMapping = {
  FunctionName: { Ref: 'ConsumerFn' },
  EventSourceArn: { 'Fn::GetAtt': ['Cluster', 'Arn'] },
  Topics: ['orders.order.paid'],
  AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: 'fulfilment.orders.order.paid' },
  BatchSize: 50,
  MaximumBatchingWindowInSeconds: 1,
  StartingPosition: 'TRIM_HORIZON',
  FunctionResponseTypes: ['ReportBatchItemFailures'],
  MaximumRetryAttempts: 10,
  DestinationConfig: { OnFailure: { Destination: 'kafka://orders.order.paid.dlq' } },
  ProvisionedPollerConfig: { MinimumPollers: 1, MaximumPollers: 2 },
  MetricsConfig: { Metrics: ['EventCount'] },
};

describe('readMapping', () => {
  it('configures a Kafka trigger from the mapping: topic, group, batch, retries, kafka:// destination', () => {
    const settings = readMapping('Esm', kafkaMapping);

    expect(settings).toMatchObject({
      functionLogicalId: 'ConsumerFn',
      source: {
        kind: 'kafka',
        topics: ['orders.order.paid'],
        consumerGroupId: 'fulfilment.orders.order.paid',
      },
      batchSize: 50,
      maximumBatchingWindowSeconds: 1,
      startingPosition: 'TRIM_HORIZON',
      reportBatchItemFailures: true,
      maximumRetryAttempts: 10,
      onFailure: { kind: 'kafka', topic: 'orders.order.paid.dlq' },
    });
  });

  it('configures a stream trigger with its filter, bisect, record age and SQS destination', () => {
    const settings = readMapping('Relay', {
      FunctionName: { Ref: 'RelayFn' },
      EventSourceArn: { 'Fn::GetAtt': ['OutboxTable', 'StreamArn'] },
      FilterCriteria: { Filters: [{ Pattern: '{"eventName":["INSERT"]}' }] },
      BisectBatchOnFunctionError: true,
      MaximumRecordAgeInSeconds: 86400,
      ParallelizationFactor: 1,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['Failures', 'Arn'] } } },
    });

    expect(settings).toMatchObject({
      source: { kind: 'ddb-stream', tableLogicalId: 'OutboxTable' },
      filters: [{ eventName: ['INSERT'] }],
      bisectBatchOnFunctionError: true,
      maximumRecordAgeSeconds: 86400,
      onFailure: { kind: 'sqs', queueLogicalId: 'Failures' },
    });
  });

  it('stops start-up naming a property the local triggers do not implement', () => {
    const read = () => readMapping('Esm', { ...kafkaMapping, TumblingWindowInSeconds: 30 });

    expect(read).toThrow(UnsupportedTemplateError);
    expect(read).toThrow(/Esm: TumblingWindowInSeconds is not implemented by the local triggers/);
  });

  it('refuses values of implemented properties that the local triggers cannot honour', () => {
    expect(() => readMapping('Esm', { ...kafkaMapping, ParallelizationFactor: 4 })).toThrow(
      /ParallelizationFactor 4 is not implemented locally/,
    );
    expect(() =>
      readMapping('Esm', {
        ...kafkaMapping,
        AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: 'g', SchemaRegistryConfig: {} },
      }),
    ).toThrow(/AmazonManagedKafkaEventSourceConfig.SchemaRegistryConfig/);
    expect(() =>
      readMapping('Esm', { ...kafkaMapping, FilterCriteria: { Filters: [{ Pattern: '{"value":["x"]}' }] } }),
    ).toThrow(/FilterCriteria on a Kafka mapping/);
    expect(() => readMapping('Esm', { ...kafkaMapping, StartingPosition: 'AT_TIMESTAMP' })).toThrow(
      /StartingPosition AT_TIMESTAMP/,
    );
  });
});
