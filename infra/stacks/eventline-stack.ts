import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { EventSourceMappingLogLevel } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { loadManifest, type Manifest } from '../../functions/lib/manifest/index.js';
import { type EnvironmentConfig, RegistryEngines, RegistryKinds } from '../config/environment.js';
import { confluentRegistryAcls } from '../constructs/confluent-registry-acls.js';
import { FieldKeks } from '../constructs/field-keks.js';
import { GlueRegistry } from '../constructs/glue-registry.js';
import type { KafkaConsumer } from '../constructs/kafka-consumer.js';
import {
  KafkaTopics,
  retiredTopicsFromManifest,
  topicSpecsFromManifest,
} from '../constructs/kafka-topics.js';
import { acknowledgeAwsCustomResourceFindings, MskCluster, PollerEgress } from '../constructs/msk-cluster.js';
import { Network } from '../constructs/network.js';
import { Observability } from '../constructs/observability.js';
import { Outbox } from '../constructs/outbox.js';
import { perDeploymentName } from '../constructs/physical-name.js';
import { RegistryService } from '../constructs/registry-service.js';
import { claimTablesOutputKey, claimTablesValue } from './claim-tables-output.js';
import { type ConsumerDefaults, declareConsumers } from './consumers.js';
import { logRetentionFor } from './retention.js';

export interface EventlineStackProps extends StackProps {
  readonly config: EnvironmentConfig;
  /** @default the project's schemas/manifest.json */
  readonly manifest?: Manifest;
}

/**
 * What the relay and CI may register under: the manifest's topics' subjects (`<topic>-value`,
 * `<topic>-key`, `<topic>-<record>`); under RecordName the subject is the record's full name,
 * which no topic prefix covers, so then every subject.
 */
function writerSubjectPrefixes(manifest: Manifest): string[] {
  if (manifest.subjectStrategy === 'RecordName') return [''];
  return manifest.topics.map((topic) => `${topic.name}-`);
}

/**
 * One deployment of Eventline: network, MSK and its topics, the schema registry, the
 * outbox and relay, the example consumers, and their alarms.
 */
export class EventlineStack extends Stack {
  readonly network: Network;
  readonly cluster: MskCluster;
  readonly topics: KafkaTopics;
  readonly glueRegistry: GlueRegistry;
  readonly registry: RegistryService;
  readonly outbox: Outbox;
  /** The KMS keys of the manifest's KEKs (field-level encryption). */
  readonly keks: FieldKeks;
  /** Every consumer of `declareConsumers` (infra/stacks/consumers.ts). */
  readonly consumers: readonly KafkaConsumer[];
  readonly observability: Observability;

  private readonly explicitAzs: readonly string[] | undefined;

  constructor(scope: Construct, id: string, props: EventlineStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.explicitAzs = config.vpc.availabilityZones;
    const manifest = props.manifest ?? loadManifest();
    const removalPolicy = config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const logRetention = logRetentionFor(config.logRetentionDays);

    this.network = new Network(this, 'Network', { config: config.vpc, logRetention, removalPolicy });
    const { vpc, privateSubnets } = this.network;
    this.cluster = new MskCluster(this, 'Kafka', {
      vpc,
      subnets: privateSubnets,
      mode: config.msk.mode,
      clusterName: `eventline-${config.name}`,
      instanceType: config.msk.instanceType,
      brokersPerAz: config.msk.brokersPerAz,
      volumeSizeGiB: config.msk.volumeSizeGiB,
      scram: config.registry.engine === RegistryEngines.confluent,
      pollerEgress:
        config.vpc.interfaceEndpoints && !config.vpc.existing
          ? PollerEgress.vpcEndpoints
          : PollerEgress.anywhere,
      logRetention,
      removalPolicy,
    });
    this.topics = new KafkaTopics(this, 'KafkaTopics', {
      cluster: this.cluster,
      topics: topicSpecsFromManifest(manifest, this.cluster),
      retiredTopics: retiredTopicsFromManifest(manifest),
      acls: config.registry.engine === RegistryEngines.confluent ? confluentRegistryAcls() : [],
      vpc,
      vpcSubnets: privateSubnets,
      logRetention,
    });

    this.glueRegistry = new GlueRegistry(this, 'GlueRegistry', {
      // A retained registry keeps its name after the stack is gone; a new deployment gets its own.
      registryName: config.retainData
        ? perDeploymentName(`${manifest.glueRegistryName}-${config.name}`)
        : `${manifest.glueRegistryName}-${config.name}`,
      removalPolicy,
    });
    this.registry = new RegistryService(this, 'Registry', {
      vpc,
      subnets: privateSubnets,
      glueRegistry: this.glueRegistry,
      engine: config.registry.engine,
      confluentImage: config.registry.confluentImage,
      cluster: this.cluster,
      minTasks: config.registry.minTasks,
      maxTasks: config.registry.maxTasks,
      cpu: config.registry.cpu,
      memoryMiB: config.registry.memoryMiB,
      ...(config.registry.domain ? { domain: config.registry.domain } : {}),
      allowHttp: config.registry.allowHttp,
      user: config.registry.users[0] ?? 'eventline',
      writerSubjectPrefixes: writerSubjectPrefixes(manifest),
      auditLogRetention: logRetentionFor(config.registry.auditRetentionDays),
      logRetention,
      removalPolicy,
    });
    // The stock registry's SCRAM user can do nothing in Kafka until the topics handler made its
    // ACLs; only the ECS service waits (the broker ingress from the registry's tasks cannot).
    if (config.registry.engine === RegistryEngines.confluent) {
      this.registry.service.service.node.addDependency(this.topics);
    }
    const registryBinding = config.registryKind === RegistryKinds.glue ? this.glueRegistry : this.registry;

    const topicNames = manifest.topics.map((topic) => topic.name);
    this.outbox = new Outbox(this, 'Outbox', {
      vpc,
      vpcSubnets: privateSubnets,
      cluster: this.cluster,
      topics: topicNames,
      registry: registryBinding,
      traceIndexes: config.outbox.traceIndexes,
      logRetention,
      removalPolicy,
    });
    this.outbox.node.addDependency(this.topics);

    this.keks = new FieldKeks(this, 'Keks', { manifest, stage: config.name, removalPolicy });

    const consumerDefaults: ConsumerDefaults = {
      cluster: this.cluster,
      registry: registryBinding,
      vpc,
      vpcSubnets: privateSubnets,
      batchSize: config.consumers.batchSize,
      maxBatchingWindowSeconds: config.consumers.maxBatchingWindowSeconds,
      provisionedPollers: config.consumers.provisionedPollers,
      pollerGroup: config.consumers.pollerGroup,
      triggerMetrics: config.consumers.triggerMetrics,
      triggerLogLevel: config.consumers.triggerLogLevel as EventSourceMappingLogLevel,
      logRetention,
      removalPolicy,
      keks: this.keks,
      dekRegistry: this.registry,
    };
    this.consumers = declareConsumers(this, consumerDefaults, { manifest, outboxTable: this.outbox.table });
    for (const consumer of this.consumers) consumer.node.addDependency(this.topics);

    this.observability = new Observability(this, 'Observability', {
      dashboardName: `eventline-${config.name}`,
      clusterName: this.cluster.clusterName,
      ...(this.cluster.brokerCount === undefined ? {} : { brokerCount: this.cluster.brokerCount }),
      relay: this.outbox.relay,
      relayFailureQueue: this.outbox.failureQueue,
      consumers: this.consumers.map((consumer) => consumer.function),
      consumerGroups: this.consumers.flatMap((consumer) =>
        Object.entries(consumer.groupIds).map(([topic, consumerGroup]) => ({
          consumerGroup,
          topic,
          maxLagSeconds: manifest.topic(topic).maxLagSeconds,
        })),
      ),
      otherFunctions: [this.topics.handler],
      dlqTopics: manifest.topics.map((topic) => topic.dlq),
      registry: this.registry,
      ...(config.alarmEmail ? { alarmEmail: config.alarmEmail } : {}),
      removalPolicy,
    });
    acknowledgeAwsCustomResourceFindings(this);
    this.outputs();
  }

  /**
   * The zones cdk.json names, when it names them: with a known account CDK would otherwise
   * look them up at synth (credentials needed), and without one it settles for two.
   */
  override get availabilityZones(): string[] {
    return this.explicitAzs ? [...this.explicitAzs] : super.availabilityZones;
  }

  /** What an operator needs after a deploy: where the registry is, its password, the cluster, the outbox. */
  private outputs(): void {
    const outputs = {
      RegistryUrl: this.registry.url,
      RegistryCredentialsSecret: this.registry.credentials.secretArn,
      ...(this.registry.principals
        ? { RegistryCiCredentialsSecret: this.registry.principals.ci.secretArn }
        : {}),
      ...(this.registry.auditLogs ? { RegistryAuditLogGroup: this.registry.auditLogs.logGroupName } : {}),
      GlueRegistryName: this.glueRegistry.registryName,
      MskClusterArn: this.cluster.clusterArn,
      OutboxTableName: this.outbox.table.tableName,
      RelayFailureQueueUrl: this.outbox.failureQueue.queueUrl,
      AlarmTopicArn: this.observability.alarmTopic.topicArn,
      // `eventline trace --stack` looks each group's claim of an event up by key in its table.
      [claimTablesOutputKey]: claimTablesValue(
        this.consumers.map((c) => ({ consumerGroup: c.consumerGroup, table: c.idempotencyTable.tableName })),
      ),
    };
    for (const [id, value] of Object.entries(outputs)) new CfnOutput(this, id, { value });
  }
}
