import type { RemovalPolicy } from 'aws-cdk-lib';
import type { ISecurityGroup, IVpc, SubnetSelection } from 'aws-cdk-lib/aws-ec2';
import type { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import type { MskCluster } from './msk-cluster.js';
import type { RegistryBinding } from './registry-binding.js';

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
  /** @default - on-demand pollers */
  readonly provisionedPollers?: { readonly minimum: number; readonly maximum: number };
  /** Idempotency table. @default RemovalPolicy.DESTROY */
  readonly removalPolicy?: RemovalPolicy;
}
