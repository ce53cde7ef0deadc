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
import { Construct } from 'constructs';
import type { ObservabilityProps } from './observability-props.js';
import { type AlarmSpec, registryAlarms } from './registry-alarms.js';

const period = Duration.minutes(5);

/**
 * One dashboard and the alarms an on-call engineer needs, all to one encrypted SNS
 * topic: consumer OffsetLag, messages landing in DLQ topics, relay failures and iterator
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
    if (props.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));
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

    const dlqIn = props.dlqTopics.map((topic) => this.dlqIncoming(props.clusterName, topic));
    props.dlqTopics.forEach((topic, index) => {
      this.alarm(`Dlq${index}`, dlqIn[index] as IMetric, 0, `records are landing in ${topic}`);
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

    const registryAlarmSpecs = registryAlarms(props.registry, period);
    for (const spec of registryAlarmSpecs) this.addAlarm(spec);

    this.dashboard.addWidgets(
      new GraphWidget({ title: 'Consumer OffsetLag', left: lags, width: 12 }),
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

  private offsetLag(fn: IFunction): Metric {
    return new Metric({
      namespace: 'AWS/Lambda',
      metricName: 'OffsetLag',
      dimensionsMap: { FunctionName: fn.functionName },
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
