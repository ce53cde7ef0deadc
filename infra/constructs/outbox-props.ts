import type { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ISecurityGroup, IVpc, SubnetSelection } from 'aws-cdk-lib/aws-ec2';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { OutboxIndex } from '../../functions/lib/outbox/attributes.js';
import type { MskCluster } from './msk-cluster.js';
import type { RegistryBinding } from './registry-binding.js';

export interface OutboxProps {
  readonly vpc: IVpc;
  readonly vpcSubnets: SubnetSelection;
  readonly cluster: MskCluster;
  /** Topics the relay may produce to. */
  readonly topics: readonly string[];
  readonly registry: RegistryBinding;
  /** @default functions/outbox-relay/handler.ts */
  readonly relayEntry?: string;
  /** @default - the cluster's client security group */
  readonly securityGroups?: readonly ISecurityGroup[];
  /** @default 100 */
  readonly batchSize?: number;
  /** Attempts before a batch goes to the failure queue. @default 10 */
  readonly retryAttempts?: number;
  /** Records older than this go to the failure queue unrelayed. @default Duration.days(1) */
  readonly maxRecordAge?: Duration;
  /** Relay log group retention. @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /**
   * The KEYS_ONLY indexes `eventline trace` queries (`OutboxIndexes`: by event id, by
   * traceparent), each about one write unit per event; `false` leaves them out (the trace then
   * scans the table), a list keeps those named. CloudFormation adds one index per table update:
   * a table deployed without them takes `['by-event-id']` first, then `true`.
   * @default true
   */
  readonly traceIndexes?: boolean | readonly OutboxIndex[];
  /** Table and failure queue. @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}
