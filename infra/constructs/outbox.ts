import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Billing, StreamViewType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { EnvNames } from '../../functions/lib/config/env-names.js';
import { OutboxAttributes } from '../../functions/lib/outbox/attributes.js';
import { outboxTableDefinition } from '../../functions/lib/outbox/table.js';
import { acknowledgeResource } from '../nag.js';
import { HandlerEntries } from '../paths.js';
import { EventlineFunction } from './eventline-function.js';
import type { OutboxProps } from './outbox-props.js';
import { RegistryClientRoles } from './registry-principals.js';
import { indexesFromDefinition, keysFromDefinition } from './table-keys.js';

/**
 * The outbox table (PITR, TTL, stream NEW_IMAGE) and the relay that carries its INSERTs
 * to MSK: partial batch responses, bisect on error, bounded retries and record age, and
 * an SQS queue for batches it gives up on. The table has two KEYS_ONLY global secondary
 * indexes for `eventline trace` (by event id, by traceparent): each insert writes one entry
 * of under 1 KB to each, about one more write unit per event per index; `traceIndexes: false`
 * leaves them out, and the trace falls back to scanning the table.
 */
export class Outbox extends Construct {
  readonly table: TableV2;
  readonly relay: EventlineFunction;
  readonly failureQueue: Queue;
  readonly eventSource: DynamoEventSource;

  constructor(scope: Construct, id: string, props: OutboxProps) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const definition = outboxTableDefinition('outbox', { traceIndexes: props.traceIndexes ?? true });
    this.table = new TableV2(this, 'Table', {
      ...keysFromDefinition(definition),
      globalSecondaryIndexes: indexesFromDefinition(definition),
      billing: Billing.onDemand(),
      dynamoStream: StreamViewType.NEW_IMAGE,
      timeToLiveAttribute: OutboxAttributes.ttl,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: removalPolicy === RemovalPolicy.RETAIN,
      removalPolicy,
    });
    this.failureQueue = new Queue(this, 'RelayFailures', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy,
    });
    acknowledgeResource(this.failureQueue, {
      'AwsSolutions-SQS3': 'This queue is itself the dead-letter destination of the relay trigger',
      'Serverless-SQSRedrivePolicy':
        'This queue is itself the dead-letter destination of the relay trigger; nothing consumes it to redrive',
    });
    this.relay = new EventlineFunction(this, 'Relay', {
      entry: props.relayEntry ?? HandlerEntries.outboxRelay,
      description: 'Outbox relay: DynamoDB stream INSERTs to MSK topics',
      vpc: props.vpc,
      vpcSubnets: props.vpcSubnets,
      securityGroups: props.securityGroups ?? [props.cluster.clientSecurityGroup],
      timeout: Duration.minutes(1),
      openTelemetryServiceName: 'eventline-outbox-relay',
      ...(props.logRetention ? { logRetention: props.logRetention } : {}),
    });
    this.relay
      .bindEnv(EnvNames.outboxTableName, this.table.tableName)
      .bindEnv(EnvNames.relayFailureQueueUrl, this.failureQueue.queueUrl);
    this.failureQueue.grantSendMessages(this.relay);
    props.cluster.bindClient(this.relay);
    props.cluster.grantProduce(this.relay, props.topics);
    props.registry.bind(this.relay, RegistryClientRoles.writer);
    this.eventSource = new DynamoEventSource(this.table, {
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: props.batchSize ?? 100,
      bisectBatchOnError: true,
      reportBatchItemFailures: true,
      retryAttempts: props.retryAttempts ?? 10,
      maxRecordAge: props.maxRecordAge ?? Duration.days(1),
      // One poller per shard keeps the stream's per-item order all the way to Kafka.
      parallelizationFactor: 1,
      onFailure: new SqsDlq(this.failureQueue),
      filters: [FilterCriteria.filter({ eventName: FilterRule.isEqual('INSERT') })],
    });
    this.relay.addEventSource(this.eventSource);
    acknowledgeResource(this.relay, {
      'Serverless-LambdaDLQ':
        'Stream-triggered: failed batches go to the event source mapping on-failure SQS queue, not an async DLQ',
    });
  }
}
