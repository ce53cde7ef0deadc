import type { OutboxIndex } from '../../functions/lib/outbox/attributes.js';
import type { RegistryDomain } from '../constructs/registry-domain.js';

/** MSK flavour: provisioned brokers (L1 CfnCluster) or MSK Serverless. */
export const MskModes = { provisioned: 'provisioned', serverless: 'serverless' } as const;
export type MskMode = (typeof MskModes)[keyof typeof MskModes];

/** Registry engine on Fargate: Eventline's own service over Glue, or the stock Confluent image over MSK. */
export const RegistryEngines = { eventline: 'eventline', confluent: 'confluent' } as const;
export type RegistryEngine = (typeof RegistryEngines)[keyof typeof RegistryEngines];

/** Which registry the Lambda functions encode and decode against. */
export const RegistryKinds = { confluent: 'confluent', glue: 'glue' } as const;
export type RegistryKind = (typeof RegistryKinds)[keyof typeof RegistryKinds];

export interface VpcConfig {
  /** Use an existing VPC by ids (no lookup, so synth stays offline). @default - a new VPC */
  readonly existing?: {
    readonly vpcId: string;
    readonly vpcCidrBlock: string;
    readonly availabilityZones: readonly string[];
    readonly privateSubnetIds: readonly string[];
  };
  /**
   * Availability zones of a new VPC, named explicitly so synth needs no AZ lookup (and so no
   * credentials) and provisioned MSK gets the 3 AZs it needs; requires `region`.
   * @default - the first `maxAzs` AZs CDK resolves (2 when the account is unknown at synth)
   */
  readonly availabilityZones?: readonly string[];
  /** Ignored when `availabilityZones` is set. @default 2 */
  readonly maxAzs: number;
  /** NAT gateways for egress (the Confluent image comes from Docker Hub). @default 1 */
  readonly natGateways: number;
  /** Interface endpoints for Glue, Secrets Manager, SQS, ECR, CloudWatch Logs. @default true */
  readonly interfaceEndpoints: boolean;
}

export interface MskConfig {
  readonly mode: MskMode;
  /** Broker instance type (provisioned). @default kafka.m7g.large */
  readonly instanceType: string;
  /** Brokers per AZ (provisioned); replication 3 needs at least 3 brokers in all. @default 2 with 2 AZs */
  readonly brokersPerAz: number;
  /** EBS GiB per broker (provisioned). @default 100 */
  readonly volumeSizeGiB: number;
}

export interface RegistryConfig {
  readonly engine: RegistryEngine;
  /** @default 2 */
  readonly minTasks: number;
  /** @default 4 */
  readonly maxTasks: number;
  /** @default 512 */
  readonly cpu: number;
  /** @default 1024 */
  readonly memoryMiB: number;
  /** HTTPS on a name in a private hosted zone. @default - HTTP on the load balancer's own name */
  readonly domain?: RegistryDomain;
  /** Accept basic auth over plain HTTP when no `domain` is set. @default false: synth refuses */
  readonly allowHttp: boolean;
  /** Basic-auth users whose generated passwords are kept in Secrets Manager. @default ['eventline'] */
  readonly users: readonly string[];
  /** Stock image for the `confluent` engine. @default confluentinc/cp-schema-registry:7.9.1 */
  readonly confluentImage: string;
  /** Days the audit trail of registry changes is kept (`eventline` engine). @default 365 */
  readonly auditRetentionDays: number;
}

/** Log level of the MSK trigger's pollers (written to the function's log group). */
export const TriggerLogLevels = { debug: 'DEBUG', info: 'INFO', warn: 'WARN' } as const;
export type TriggerLogLevel = (typeof TriggerLogLevels)[keyof typeof TriggerLogLevels];

export interface ConsumersConfig {
  /**
   * Provisioned pollers per MSK trigger: Lambda accepts partial batch responses, retries and
   * the Kafka on-failure destination only in provisioned mode, so every trigger has them.
   * @default { minimum: 1, maximum: 2 }
   */
  readonly provisionedPollers: { readonly minimum: number; readonly maximum: number };
  /** Triggers of this deployment share poller capacity (EPUs) in this group. @default eventline-<env> */
  readonly pollerGroup: string;
  /** Trigger metrics (EventCount, ErrorCount, KafkaMetrics). @default true */
  readonly triggerMetrics: boolean;
  /** Poller log level. @default 'WARN' */
  readonly triggerLogLevel: TriggerLogLevel;
  /** @default 100 */
  readonly batchSize: number;
  /** @default 1 */
  readonly maxBatchingWindowSeconds: number;
}

export interface OutboxConfig {
  /**
   * The outbox's trace indexes (`by-event-id`, `by-traceparent`): `true`, `false`, or a list
   * (a table deployed without them adds one per deploy). See OutboxProps.traceIndexes.
   * @default true
   */
  readonly traceIndexes: boolean | readonly OutboxIndex[];
}

/** One deployment target, from `eventline:environments` in cdk.json. */
export interface EnvironmentConfig {
  readonly name: string;
  readonly account?: string;
  readonly region?: string;
  readonly vpc: VpcConfig;
  readonly msk: MskConfig;
  readonly registry: RegistryConfig;
  /** Registry the functions use. @default confluent */
  readonly registryKind: RegistryKind;
  readonly consumers: ConsumersConfig;
  readonly outbox: OutboxConfig;
  /** Email subscribed to the alarm topic. @default - no subscription */
  readonly alarmEmail?: string;
  /** Keep tables, keys and logs when the stack is deleted. @default false */
  readonly retainData: boolean;
  /** @default 30 */
  readonly logRetentionDays: number;
}
