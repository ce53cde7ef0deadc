import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Billing, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { MetricType, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { KafkaDlq, ManagedKafkaEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
import { EnvNames } from '../../functions/lib/config/env-names.js';
import { dlqTopicOf } from '../../functions/lib/dlq/headers.js';
import {
  idempotencyTableDefinition,
  idempotencyTtlAttribute,
} from '../../functions/lib/idempotency/table.js';
import { acknowledgeResource } from '../nag.js';
import { bindConsumerState } from './consumer-state.js';
import { EventlineFunction } from './eventline-function.js';
import type { KafkaConsumerProps } from './kafka-consumer-props.js';
import type { DekRegistryBinding, RegistryBinding } from './registry-binding.js';
import { RegistryClientRoles } from './registry-principals.js';
import { keysFromDefinition } from './table-keys.js';

const defaultPollers = { minimum: 1, maximum: 2 } as const;

/**
 * Rules Lambda enforces only when the mapping is created (InvalidParameterValueException and
 * a rollback): error handling and trigger metrics need provisioned pollers.
 */
function pollerRules(
  errorHandling: boolean,
  pollers: { readonly minimum: number; readonly maximum: number } | undefined,
  triggerMetrics: boolean | undefined,
): string[] {
  if (pollers) return [];
  const errors: string[] = [];
  if (errorHandling) {
    errors.push(
      'KafkaConsumer: reportBatchItemFailures, retryAttempts and the Kafka on-failure destination need provisioned pollers; set provisionedPollers (cdk.json consumers.provisionedPollers) or errorHandling: false',
    );
  }
  if (triggerMetrics === true) {
    errors.push(
      'KafkaConsumer: trigger metrics need provisioned pollers; set provisionedPollers or triggerMetrics: false',
    );
  }
  return errors;
}

/**
 * A consumer: its function, its idempotency table, and one MSK trigger per topic with
 * partial batch responses, bounded retries and the topic's `.dlq` as the trigger's last
 * net (KafkaDlq). The function may also write to each `.dlq` itself, which is how the
 * consumer middleware parks poison records at once.
 */
export class KafkaConsumer extends Construct {
  readonly function: EventlineFunction;
  readonly idempotencyTable: TableV2;
  /** The group its idempotency keys and DLQ headers name (EVENTLINE_CONSUMER_GROUP). */
  readonly consumerGroup: string;
  /** The tables of `stateTables`, in order. */
  readonly stateTables: readonly TableV2[];
  readonly eventSources: readonly ManagedKafkaEventSource[];
  /** The consumer group id of each trigger, by topic. */
  readonly groupIds: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: KafkaConsumerProps) {
    super(scope, id);
    this.consumerGroup = props.consumerGroup;
    this.idempotencyTable = new TableV2(this, 'Idempotency', {
      ...keysFromDefinition(idempotencyTableDefinition('idempotency')),
      billing: Billing.onDemand(),
      timeToLiveAttribute: idempotencyTtlAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: props.removalPolicy ?? RemovalPolicy.DESTROY,
    });
    this.function = new EventlineFunction(this, 'Function', {
      entry: props.entry,
      description: props.description,
      vpc: props.vpc,
      vpcSubnets: props.vpcSubnets,
      securityGroups: props.securityGroups ?? [props.cluster.clientSecurityGroup],
      timeout: Duration.minutes(2),
      openTelemetryServiceName: props.consumerGroup,
      ...(props.logRetention ? { logRetention: props.logRetention } : {}),
    });
    this.function
      .bindEnv(EnvNames.idempotencyTableName, this.idempotencyTable.tableName)
      .bindEnv(EnvNames.consumerGroup, props.consumerGroup);
    props.cluster.bindClient(this.function);
    this.idempotencyTable.grantReadWriteData(this.function);
    // A consumer that writes through the outbox encrypts there too, creating DEKs: a writer.
    props.registry.bind(
      this.function,
      (props.outboxTopics ?? []).length > 0 ? RegistryClientRoles.writer : RegistryClientRoles.reader,
    );
    this.stateTables = bindConsumerState(this, this.function, props);
    this.bindKeks(props);

    const groupIds: Record<string, string> = {};
    for (const topic of props.topics) groupIds[topic] = `${props.consumerGroup}.${topic}`;
    this.groupIds = groupIds;
    props.cluster.grantConsume(this.function, props.topics, Object.values(groupIds));
    props.cluster.grantProduce(this.function, props.topics.map(dlqTopicOf));

    const pollers = 'provisionedPollers' in props ? props.provisionedPollers : defaultPollers;
    const errorHandling = props.errorHandling ?? true;
    this.node.addValidation({ validate: () => pollerRules(errorHandling, pollers, props.triggerMetrics) });
    this.eventSources = props.topics.map((topic) => {
      const source = new ManagedKafkaEventSource({
        clusterArn: props.cluster.clusterArn,
        topic,
        consumerGroupId: groupIds[topic],
        startingPosition: props.startingPosition ?? StartingPosition.TRIM_HORIZON,
        batchSize: props.batchSize ?? 100,
        maxBatchingWindow: Duration.seconds(props.maxBatchingWindowSeconds ?? 1),
        ...(errorHandling
          ? {
              reportBatchItemFailures: true,
              retryAttempts: props.retryAttempts ?? 10,
              onFailure: new KafkaDlq(dlqTopicOf(topic)),
            }
          : {}),
        ...(props.filters
          ? { filters: props.filters.map((pattern) => ({ pattern: JSON.stringify(pattern) })) }
          : {}),
        ...(pollers
          ? {
              provisionedPollerConfig: {
                minimumPollers: pollers.minimum,
                maximumPollers: pollers.maximum,
                ...(props.pollerGroup ? { pollerGroupName: props.pollerGroup } : {}),
              },
            }
          : {}),
        ...(pollers && (props.triggerMetrics ?? true)
          ? {
              metricsConfig: {
                metrics: [MetricType.EVENT_COUNT, MetricType.ERROR_COUNT, MetricType.KAFKA_METRICS],
              },
            }
          : {}),
        ...(props.triggerLogLevel ? { logLevel: props.triggerLogLevel } : {}),
      });
      this.function.addEventSource(source);
      return source;
    });
    if (this.function.role) {
      acknowledgeResource(this.function.role, {
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaMSKExecutionRole]':
          'Added by ManagedKafkaEventSource: the MSK poller needs its ENI and DescribeCluster actions; topic and group access is granted per ARN separately',
      });
    }
    acknowledgeResource(this.function, {
      'Serverless-LambdaDLQ':
        'MSK-triggered: failed records go to the <topic>.dlq Kafka destination of the trigger, not an async DLQ',
    });
  }

  /** KMS grants for the KEKs the consumer decrypts with or its outbox topics encrypt with; a wrong name fails synth. */
  private bindKeks(props: KafkaConsumerProps): void {
    const decrypt = props.decrypt ?? [];
    const writes = props.outboxTopics ?? [];
    if (!props.keks) {
      if (decrypt.length > 0) {
        this.node.addValidation({
          validate: () => [
            `KafkaConsumer ${this.node.path}: decrypt needs keks (the deployment's FieldKeks)`,
          ],
        });
      }
      return;
    }
    const errors = props.keks.bind(this.function, { decrypt, writes });
    this.node.addValidation({ validate: () => errors });
    if (decrypt.length > 0) this.bindDekRegistry(props);
  }

  /** A decrypting consumer whose schemas are in Glue reads its DEKs from the registry service. */
  private bindDekRegistry(props: KafkaConsumerProps): void {
    if (isDekRegistry(props.registry)) return;
    if (props.dekRegistry) {
      props.dekRegistry.bindDekRegistry(this.function);
      return;
    }
    this.node.addValidation({
      validate: () => [
        `KafkaConsumer ${this.node.path}: decrypt needs a DEK registry, and its registry (Glue direct) keeps none; pass dekRegistry (the stack's RegistryService)`,
      ],
    });
  }
}

/** A registry binding that is also a DEK registry (the registry service): nothing more to bind. */
function isDekRegistry(binding: RegistryBinding): boolean {
  return typeof (binding as Partial<DekRegistryBinding>).bindDekRegistry === 'function';
}
