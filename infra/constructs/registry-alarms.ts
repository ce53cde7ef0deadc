import type { Duration } from 'aws-cdk-lib';
import {
  ComparisonOperator,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { ApplicationLoadBalancedFargateService } from 'aws-cdk-lib/aws-ecs-patterns';
import { HttpCodeElb, HttpCodeTarget } from 'aws-cdk-lib/aws-elasticloadbalancingv2';

/** What the registry alarms watch: the load-balanced service and the task count it must keep. */
export interface MonitoredRegistry {
  readonly service: ApplicationLoadBalancedFargateService;
  readonly minTasks: number;
}

/** One alarm to create: its metric, threshold, direction and how missing data counts. */
export interface AlarmSpec {
  readonly id: string;
  readonly metric: IMetric;
  readonly threshold: number;
  readonly comparisonOperator: ComparisonOperator;
  readonly treatMissingData: TreatMissingData;
  readonly evaluationPeriods: number;
  readonly description: string;
}

/**
 * The registry's alarms: 5xx answers (the load balancer's own included, so that all tasks
 * down still counts), unhealthy targets, and fewer running tasks than the minimum.
 */
export function registryAlarms(registry: MonitoredRegistry, period: Duration): AlarmSpec[] {
  const { service } = registry;
  const fiveXx = new MathExpression({
    // When every task is down only the load balancer answers: the target series has no data
    // points, and without FILL the sum has none either, so the alarm would stay OK.
    expression: 'FILL(target, 0) + FILL(elb, 0)',
    usingMetrics: {
      target: service.loadBalancer.metrics.httpCodeTarget(HttpCodeTarget.TARGET_5XX_COUNT, {
        period,
        statistic: 'Sum',
      }),
      elb: service.loadBalancer.metrics.httpCodeElb(HttpCodeElb.ELB_5XX_COUNT, { period, statistic: 'Sum' }),
    },
    period,
    label: 'registry 5xx',
  });
  const unhealthy = service.targetGroup.metrics.unhealthyHostCount({ period, statistic: 'Maximum' });
  // Container Insights (enabled on the cluster) publishes the running count per service.
  const running = new Metric({
    namespace: 'ECS/ContainerInsights',
    metricName: 'RunningTaskCount',
    dimensionsMap: { ClusterName: service.cluster.clusterName, ServiceName: service.service.serviceName },
    statistic: 'Minimum',
    period,
  });
  return [
    {
      id: 'Registry5xx',
      metric: fiveXx,
      threshold: 5,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      evaluationPeriods: 1,
      description: 'schema registry answered 5xx more than 5 times in 5 minutes',
    },
    {
      id: 'RegistryUnhealthyHosts',
      metric: unhealthy,
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      evaluationPeriods: 2,
      description: 'schema registry: a task has failed its load balancer health check for 10 minutes',
    },
    {
      id: 'RegistryRunningTasks',
      metric: running,
      threshold: registry.minTasks,
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      // No data points means no task reports at all: that is the outage this alarm is for.
      treatMissingData: TreatMissingData.BREACHING,
      evaluationPeriods: 2,
      description: `schema registry: fewer than ${registry.minTasks} tasks running for 10 minutes`,
    },
  ];
}
