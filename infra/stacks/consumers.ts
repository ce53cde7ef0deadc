import { CfnOutput } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { fulfilmentTableDefinition } from '../../functions/fulfilment/table.js';
import { EnvNames } from '../../functions/lib/config/env-names.js';
import type { Manifest } from '../../functions/lib/manifest/index.js';
import { orderReadModelTableDefinition } from '../../functions/order-projection/table.js';
import { KafkaConsumer } from '../constructs/kafka-consumer.js';
import type { KafkaConsumerProps } from '../constructs/kafka-consumer-props.js';
import { HandlerEntries } from '../paths.js';

/** What every consumer of the stack shares: the cluster, the registry, the network, the environment's trigger settings. */
export type ConsumerDefaults = Pick<
  KafkaConsumerProps,
  | 'cluster'
  | 'registry'
  | 'vpc'
  | 'vpcSubnets'
  | 'batchSize'
  | 'maxBatchingWindowSeconds'
  | 'provisionedPollers'
  | 'pollerGroup'
  | 'triggerMetrics'
  | 'triggerLogLevel'
  | 'logRetention'
  | 'removalPolicy'
  | 'keks'
  | 'dekRegistry'
>;

export interface ConsumerContext {
  readonly manifest: Manifest;
  /** For consumers that emit events through the outbox. */
  readonly outboxTable: ITableV2;
}

/**
 * THE place where the stack's consumers are declared. Adding a consumer is one `KafkaConsumer`
 * here plus its handler folder under functions/: its triggers, tables and environment follow from
 * the props, in AWS and in the local pipeline alike (which runs what `cdk synth` produces).
 */
export function declareConsumers(
  scope: Construct,
  defaults: ConsumerDefaults,
  context: ConsumerContext,
): KafkaConsumer[] {
  const { manifest } = context;
  const orderProjection = new KafkaConsumer(scope, 'OrderProjection', {
    ...defaults,
    entry: HandlerEntries.orderProjection,
    description: 'Example consumer: keeps the order read model',
    topics: ['orders.order.placed', 'orders.order.paid', 'orders.order.cancelled'].map(
      (name) => manifest.topic(name).name,
    ),
    consumerGroup: 'order-projection',
    stateTables: [
      {
        id: 'ReadModel',
        definition: orderReadModelTableDefinition('order-read-model'),
        env: EnvNames.orderReadModelTableName,
      },
    ],
  });
  const fulfilment = new KafkaConsumer(scope, 'Fulfilment', {
    ...defaults,
    entry: HandlerEntries.fulfilment,
    description:
      'Example consumer: keeps where each order ships to, records a fulfilment request per paid order and emits it through the outbox',
    // OrderPlaced for its (PII, encrypted) shipping address, OrderPaid for the request itself.
    topics: ['orders.order.placed', 'orders.order.paid'].map((name) => manifest.topic(name).name),
    consumerGroup: 'fulfilment',
    stateTables: [
      {
        id: 'Requests',
        definition: fulfilmentTableDefinition('fulfilment-requests'),
        env: EnvNames.fulfilmentTableName,
      },
    ],
    outboxTable: context.outboxTable,
    outboxTopics: [manifest.topic('fulfilment.request.created').name],
    // Reads the shipping address in clear; the order projection declares nothing and sees ciphertext.
    decrypt: ['orders-pii'],
  });
  // `eventline smoke --stack` reads these to follow its order to both example consumers.
  new CfnOutput(scope, 'OrderReadModelTableName', { value: tableName(orderProjection) });
  new CfnOutput(scope, 'FulfilmentTableName', { value: tableName(fulfilment) });
  return [
    orderProjection,
    fulfilment,
    // Add a consumer here: one KafkaConsumer and its handler folder (README, "Add a consumer").
  ];
}

/** The name of a consumer's first state table. */
function tableName(consumer: KafkaConsumer): string {
  const table = consumer.stateTables[0];
  if (!table) throw new Error(`${consumer.node.path} declares no state table`);
  return table.tableName;
}
