import type { RemovalPolicy } from 'aws-cdk-lib';
import type { IVpc, SubnetSelection } from 'aws-cdk-lib/aws-ec2';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { MskMode } from '../config/environment.js';
import type { PollerEgressKind } from './msk-cluster.js';

/** The MSK version the local stack matches (Apache Kafka 4.1, KRaft). */
export const defaultKafkaVersion = '4.1.x.kraft';

export interface MskClusterProps {
  readonly vpc: IVpc;
  readonly subnets: SubnetSelection;
  /** @default 'serverless' */
  readonly mode?: MskMode;
  /** Cluster name (part of every topic and group ARN). @default - derived from the construct path */
  readonly clusterName?: string;
  /** Provisioned only. @default '4.1.x.kraft' */
  readonly kafkaVersion?: string;
  /** Provisioned only. @default 'kafka.m7g.large' */
  readonly instanceType?: string;
  /** Provisioned only; total brokers = AZs × brokersPerAz. @default 2 */
  readonly brokersPerAz?: number;
  /** Provisioned only. @default 100 */
  readonly volumeSizeGiB?: number;
  /** Provisioned only: storage autoscaling grows each broker's volume up to this. @default 4 × volumeSizeGiB (at most 16384) */
  readonly maxVolumeSizeGiB?: number;
  /** How Lambda's MSK pollers reach Lambda and STS. @default PollerEgress.vpcEndpoints */
  readonly pollerEgress?: PollerEgressKind;
  /** Also enable SASL/SCRAM (for the stock Confluent registry); provisioned only. @default false */
  readonly scram?: boolean;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** For the encryption key and broker logs; the cluster itself is never retained. @default RemovalPolicy.DESTROY */
  readonly removalPolicy?: RemovalPolicy;
}
