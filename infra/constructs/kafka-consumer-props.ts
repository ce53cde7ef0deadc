import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import type { RemovalPolicy } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { ISecurityGroup, IVpc, SubnetSelection } from 'aws-cdk-lib/aws-ec2';
import type { EventSourceMappingLogLevel, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { EnvName } from '../../functions/lib/config/env-names.js';
import type { FieldKeks } from './field-keks.js';
import type { MskCluster } from './msk-cluster.js';
import type { DekRegistryBinding, RegistryBinding } from './registry-binding.js';

/** A table the consumer owns: created with it, read-write for it, its name in `env`. */
export interface ConsumerStateTable {
  /** Construct id under the consumer, e.g. `ReadModel`. */
  readonly id: string;
  /** The key schema, as the handler's own table.ts defines it (the name in it is ignored). */
  readonly definition: CreateTableCommandInput;
  /** The variable that gives the function the table's name. */
  readonly env: EnvName;
}

export interface KafkaConsumerProps {
  /** Handler file relative to the repository root. */
  readonly entry: string;
  readonly description: string;
  /** Topics to consume; each gets its own trigger (MSK allows one topic per mapping). */
  readonly topics: readonly string[];
  /** Consumer group; each trigger joins `<group>.<topic>`, since a group id may back one mapping only. */
  readonly consumerGroup: string;
  readonly cluster: MskCluster;
  readonly registry: RegistryBinding;
  readonly vpc: IVpc;
  readonly vpcSubnets: SubnetSelection;
  /** @default - the cluster's client security group */
  readonly securityGroups?: readonly ISecurityGroup[];
  /** @default StartingPosition.TRIM_HORIZON */
  readonly startingPosition?: StartingPosition;
  /** @default 100 */
  readonly batchSize?: number;
  /** @default 1 */
  readonly maxBatchingWindowSeconds?: number;
  /** Lambda event filter patterns. @default - every record */
  readonly filters?: readonly Record<string, unknown>[];
  /** Retries of a failing batch before the Kafka DLQ takes it. @default 10 */
  readonly retryAttempts?: number;
  /**
   * Provisioned pollers; required while error handling is on (Lambda accepts partial batch
   * responses, retries and the Kafka DLQ only in provisioned mode). `undefined` means on-demand.
   * @default { minimum: 1, maximum: 2 }
   */
  readonly provisionedPollers?: { readonly minimum: number; readonly maximum: number } | undefined;
  /** Poller group shared by the triggers of one deployment (EPU capacity is billed per group). @default - dedicated pollers */
  readonly pollerGroup?: string;
  /**
   * Partial batch responses, bounded retries and the `<topic>.dlq` on-failure destination.
   * Turning it off is the only way to run on-demand pollers. @default true
   */
  readonly errorHandling?: boolean;
  /** Trigger metrics (EventCount, ErrorCount, KafkaMetrics; provisioned mode only). @default true */
  readonly triggerMetrics?: boolean;
  /** Poller log level. @default - no poller logs */
  readonly triggerLogLevel?: EventSourceMappingLogLevel;
  /** Function log group retention. @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** Tables the consumer owns besides its idempotency table. @default none */
  readonly stateTables?: readonly ConsumerStateTable[];
  /** The outbox table, for a consumer that emits events through it (write access, EVENTLINE_OUTBOX_TABLE). @default none */
  readonly outboxTable?: ITableV2;
  /** Topics the consumer writes through `outboxTable`: it may encrypt with their KEKs. @default none */
  readonly outboxTopics?: readonly string[];
  /** The deployment's KEKs; needed by `decrypt` and by `outboxTopics` that encrypt. @default none */
  readonly keks?: FieldKeks;
  /**
   * KEK names (manifest `governance.keks`) whose fields the consumer reads in clear: it gets
   * kms:Decrypt on those keys only. Fields of any other KEK reach it as ciphertext (or a mask).
   * @default [] - no decryption
   */
  readonly decrypt?: readonly string[];
  /**
   * Where `decrypt` reads DEKs when `registry` keeps none (Glue direct): the registry service's
   * DEK registry. A registry service given as `registry` serves them itself.
   * @default none - decrypt then needs `registry` to be the registry service
   */
  readonly dekRegistry?: DekRegistryBinding;
  /** Idempotency and state tables. @default RemovalPolicy.DESTROY */
  readonly removalPolicy?: RemovalPolicy;
}
