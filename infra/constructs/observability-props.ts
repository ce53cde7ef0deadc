import type { RemovalPolicy } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { MonitoredRegistry } from './registry-alarms.js';

/** One consumer group reading one topic, and the time lag above which it alarms. */
export interface WatchedConsumerGroup {
  readonly consumerGroup: string;
  readonly topic: string;
  /** From the topic's `maxLagSeconds` in the manifest. */
  readonly maxLagSeconds: number;
}

export interface ObservabilityProps {
  readonly dashboardName: string;
  /** MSK cluster name, for the DLQ topic metrics. */
  readonly clusterName: string;
  /** Brokers of a provisioned cluster, for the broker alarms (disk, CPU, replication). @default - serverless: no broker metrics */
  readonly brokerCount?: number;
  readonly relay: IFunction;
  readonly relayFailureQueue: IQueue;
  /** Consumer functions (MSK triggered) whose OffsetLag is watched. */
  readonly consumers: readonly IFunction[];
  /** Consumer groups whose MSK EstimatedMaxTimeLag is graphed and alarmed. @default - none */
  readonly consumerGroups?: readonly WatchedConsumerGroup[];
  /** Every other function whose errors and throttles raise an alarm. */
  readonly otherFunctions?: readonly IFunction[];
  /** DLQ topics whose incoming messages raise an alarm. */
  readonly dlqTopics: readonly string[];
  /** The registry service whose 5xx, unhealthy targets and running tasks raise alarms. */
  readonly registry: MonitoredRegistry;
  /** Email subscribed to the alarm topic. @default - none */
  readonly alarmEmail?: string;
  /** @default 1000 */
  readonly offsetLagThreshold?: number;
  /** Alarm key. @default RemovalPolicy.DESTROY */
  readonly removalPolicy?: RemovalPolicy;
}
