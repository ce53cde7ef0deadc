import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledgeResource } from '../nag.js';
import type { ObservabilityProps, WatchedConsumerGroup } from './observability-props.js';
import { type AlarmSpec, registryAlarms } from './registry-alarms.js';

const period = Duration.minutes(5);

/**
 * One dashboard and the alarms an on-call engineer needs, all to one encrypted SNS
 * topic: consumer OffsetLag and time lag per consumer group, DLQ topic growth, relay failures and iterator
 * age, function errors and throttles, registry 5xx, unhealthy targets and running tasks.
 */
export class Observability extends Construct {
  readonly alarmTopic: Topic;
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    // CloudWatch cannot publish to a topic under the AWS managed SNS key, so the topic gets its own.
    const key = new Key(this, 'AlarmTopicKey', {
      enableKeyRotation: true,
      description: 'Eventline alarm topic',
      removalPolicy: props.removalPolicy ?? RemovalPolicy.DESTROY,
    });
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.alarmTopic = new Topic(this, 'AlarmTopic', { masterKey: key, enforceSSL: true });
    if (props.alarmEmail) this.subscribeEmail(props.alarmEmail);
    this.dashboard = new Dashboard(this, 'Dashboard', { dashboardName: props.dashboardName });

    const lagThreshold = props.offsetLagThreshold ?? 1000;
    const lags = props.consumers.map((fn) => this.offsetLag(fn));
    props.consumers.forEach((fn, index) => {
      this.alarm(
        `OffsetLag${index}`,
        lags[index] as Metric,
        lagThreshold,
        `${fn.node.path}: consumer OffsetLag above ${lagThreshold}`,
        3,
      );
    });

    const groups = props.consumerGroups ?? [];
    const timeLags = groups.map((group) => this.timeLag(props.clusterName, group));
    groups.forEach((group, index) => {
      this.alarm(
        `TimeLag${index}`,
        timeLags[index] as Metric,
        group.maxLagSeconds,
        `consumer group ${group.consumerGroup} is more than ${group.maxLagSeconds} s behind on ${group.topic}`,
        3,
      );
    });

    // Any record in a DLQ topic is growth; the reason is a record header, not a CloudWatch
    // dimension, so the breakdown per reason is `eventline dlq`'s (locally) and the topic's records'.
    const dlqIn = props.dlqTopics.map((topic) => this.dlqIncoming(props.clusterName, topic));
    props.dlqTopics.forEach((topic, index) => {
      this.alarm(`Dlq${index}`, dlqIn[index] as IMetric, 0, `${topic} is growing: records are landing in it`);
    });

    const iteratorAge = props.relay.metric('IteratorAge', { statistic: 'Maximum', period });
    this.alarm(
      'RelayIteratorAge',
      iteratorAge,
      Duration.minutes(5).toMilliseconds(),
      'outbox relay is more than 5 minutes behind the stream',
      3,
    );
    const relayFailures = props.relayFailureQueue.metricApproximateNumberOfMessagesVisible({
      period,
      statistic: 'Maximum',
    });
    this.alarm(
      'RelayFailures',
      relayFailures,
      0,
      'outbox relay gave up on records (failure queue not empty)',
    );

    const functions = [props.relay, ...props.consumers, ...(props.otherFunctions ?? [])];
    functions.forEach((fn, index) => {
      this.alarm(
        `Errors${index}`,
        fn.metricErrors({ period, statistic: 'Sum' }),
        0,
        `${fn.node.path}: function errors`,
      );
      this.alarm(
        `Throttles${index}`,
        fn.metricThrottles({ period, statistic: 'Sum' }),
        0,
        `${fn.node.path}: function throttles`,
      );
    });

    props.consumers.forEach((fn, index) => {
      // Records the trigger could not write to its on-failure <topic>.dlq are lost to the pipeline.
      this.alarm(
        `DlqDeliveryFailures${index}`,
        fn.metric('DestinationDeliveryFailures', { period, statistic: 'Sum' }),
        0,
        `${fn.node.path}: the MSK trigger failed to deliver records to its on-failure DLQ topic`,
      );
    });
    if (props.brokerCount !== undefined) this.brokerAlarms(props.clusterName, props.brokerCount);

    const registryAlarmSpecs = registryAlarms(props.registry, period);
    for (const spec of registryAlarmSpecs) this.addAlarm(spec);

    this.dashboard.addWidgets(
      new GraphWidget({ title: 'Consumer OffsetLag', left: lags, width: 12 }),
      new GraphWidget({
        title: 'Consumer groups: time lag (s)',
        // Labelled on the graph only: a label would turn each alarm's plain metric into a Metrics array.
        left: groups.map((group, index) =>
          (timeLags[index] as Metric).with({ label: `${group.consumerGroup} on ${group.topic}` }),
        ),
        width: 12,
      }),
      new GraphWidget({ title: 'DLQ topics: records in', left: dlqIn, width: 12 }),
      new GraphWidget({
        title: 'Relay: iterator age (ms)',
        left: [iteratorAge],
        right: [relayFailures],
        width: 12,
      }),
      new GraphWidget({
        title: 'Registry: 5xx, unhealthy targets, running tasks',
        left: registryAlarmSpecs.map((spec) => spec.metric),
        width: 12,
      }),
      new GraphWidget({
        title: 'Function errors',
        left: functions.map((fn) => fn.metricErrors({ period })),
        width: 12,
      }),
      new GraphWidget({
        title: 'Function throttles',
        left: functions.map((fn) => fn.metricThrottles({ period })),
        width: 12,
      }),
    );
  }

  /** An SQS queue keeps what SNS could not deliver to the address (cdk-nag Serverless-SNSRedrivePolicy). */
  private subscribeEmail(address: string): void {
    const undelivered = new Queue(this, 'AlarmEmailUndelivered', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledgeResource(undelivered, {
      'AwsSolutions-SQS3': 'This queue is itself the dead-letter queue of the alarm email subscription',
      'Serverless-SQSRedrivePolicy':
        'This queue is itself the dead-letter queue of the alarm email subscription; nothing redrives from it',
    });
    this.alarmTopic.addSubscription(new EmailSubscription(address, { deadLetterQueue: undelivered }));
  }

  /**
   * Provisioned brokers: disk use (storage autoscaling should keep it lower), under-replicated
   * and offline partitions, and CPU (AWS advises user + system below 60%).
   */
  private brokerAlarms(clusterName: string, brokerCount: number): void {
    const cluster = `"Cluster Name" = '${clusterName}'`;
    const insights = (query: string, label: string) =>
      new MathExpression({ expression: query, usingMetrics: {}, period, label });
    this.alarm(
      'BrokerDiskUse',
      insights(`SELECT MAX(KafkaDataLogsDiskUsed) FROM "AWS/Kafka" WHERE ${cluster}`, 'broker disk used %'),
      85,
      `MSK ${clusterName}: a broker's data disk is more than 85% full`,
    );
    this.alarm(
      'UnderReplicatedPartitions',
      insights(`SELECT SUM(UnderReplicatedPartitions) FROM "AWS/Kafka" WHERE ${cluster}`, 'under-replicated'),
      0,
      `MSK ${clusterName}: partitions are under-replicated`,
      3,
    );
    this.alarm(
      'OfflinePartitions',
      new Metric({
        namespace: 'AWS/Kafka',
        metricName: 'OfflinePartitionsCount',
        dimensionsMap: { 'Cluster Name': clusterName },
        statistic: 'Maximum',
        period,
      }),
      0,
      `MSK ${clusterName}: partitions are offline (no leader)`,
    );
    for (let broker = 1; broker <= brokerCount; broker++) {
      const cpu = (metricName: string) =>
        new Metric({
          namespace: 'AWS/Kafka',
          metricName,
          dimensionsMap: { 'Cluster Name': clusterName, 'Broker ID': String(broker) },
          statistic: 'Average',
          period,
        });
      this.alarm(
        `BrokerCpu${broker}`,
        new MathExpression({
          expression: 'user + system',
          usingMetrics: { user: cpu('CpuUser'), system: cpu('CpuSystem') },
          period,
          label: `broker ${broker} CPU %`,
        }),
        60,
        `MSK ${clusterName}: broker ${broker} CPU (user + system) above 60%`,
        3,
      );
    }
  }

  private offsetLag(fn: IFunction): Metric {
    return new Metric({
      namespace: 'AWS/Lambda',
      metricName: 'OffsetLag',
      dimensionsMap: { FunctionName: fn.functionName },
      statistic: 'Maximum',
      period,
    });
  }

  /**
   * MSK's estimate of how far (seconds) the group is behind on the topic: a DEFAULT-level
   * (free) metric on provisioned clusters and on MSK Serverless alike.
   */
  private timeLag(clusterName: string, group: WatchedConsumerGroup): Metric {
    return new Metric({
      namespace: 'AWS/Kafka',
      metricName: 'EstimatedMaxTimeLag',
      dimensionsMap: {
        'Cluster Name': clusterName,
        'Consumer Group': group.consumerGroup,
        Topic: group.topic,
      },
      statistic: 'Maximum',
      period,
    });
  }

  /** MSK reports per-topic counts per broker (provisioned) or per topic (serverless); Metrics Insights sums either. */
  private dlqIncoming(clusterName: string, topic: string): IMetric {
    return new MathExpression({
      expression: `SELECT SUM(MessagesInPerSec) FROM "AWS/Kafka" WHERE "Cluster Name" = '${clusterName}' AND Topic = '${topic}'`,
      usingMetrics: {},
      period,
      label: topic,
    });
  }

  private addAlarm(spec: AlarmSpec): void {
    const { id, description, metric, ...settings } = spec;
    const alarm = new Alarm(this, id, { metric, alarmDescription: description, ...settings });
    alarm.addAlarmAction(new SnsAction(this.alarmTopic));
    this.alarms.push(alarm);
  }

  private alarm(
    id: string,
    metric: IMetric,
    threshold: number,
    description: string,
    evaluationPeriods = 1,
  ): void {
    const alarm = new Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(new SnsAction(this.alarmTopic));
    this.alarms.push(alarm);
  }
}
