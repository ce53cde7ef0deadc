import type { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { loadManifest } from '../../functions/lib/manifest/index.js';
import { templateFor } from './support/synth.js';

type Resource = { Properties: Record<string, unknown> };

/** The alarms on MSK's EstimatedMaxTimeLag, keyed by "<consumer group> <topic>". */
function timeLagAlarms(template: Template): Map<string, Resource> {
  const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as Resource[];
  const byGroup = new Map<string, Resource>();
  for (const alarm of alarms.filter((a) => a.Properties.MetricName === 'EstimatedMaxTimeLag')) {
    const dimensions = alarm.Properties.Dimensions as { Name: string; Value: unknown }[];
    const value = (name: string) => dimensions.find((d) => d.Name === name)?.Value;
    byGroup.set(`${value('Consumer Group')} ${value('Topic')}`, alarm);
  }
  return byGroup;
}

describe.each(['dev', 'prod'])('Lag and DLQ growth alarms (%s)', (environment) => {
  const manifest = loadManifest();

  it('alarms on the time lag of every consumer group on every topic it reads, at the topic threshold from the manifest', () => {
    const template = templateFor({ environment });
    const alarms = timeLagAlarms(template);
    // EventlineStack names its MSK cluster eventline-<environment>.
    const clusterName = `eventline-${environment}`;

    // Both example consumers: order-projection reads three topics, fulfilment two.
    expect([...alarms.keys()].sort()).toEqual(
      [
        'fulfilment.orders.order.paid orders.order.paid',
        'fulfilment.orders.order.placed orders.order.placed',
        'order-projection.orders.order.cancelled orders.order.cancelled',
        'order-projection.orders.order.paid orders.order.paid',
        'order-projection.orders.order.placed orders.order.placed',
      ].sort(),
    );
    for (const [key, alarm] of alarms) {
      const topic = key.split(' ')[1] as string;
      expect(alarm.Properties).toMatchObject({
        Namespace: 'AWS/Kafka',
        Statistic: 'Maximum',
        Threshold: manifest.topic(topic).maxLagSeconds,
        ComparisonOperator: 'GreaterThanThreshold',
        EvaluationPeriods: 3,
        TreatMissingData: 'notBreaching',
      });
      expect(alarm.Properties.Dimensions).toContainEqual({ Name: 'Cluster Name', Value: clusterName });
      expect((alarm.Properties.AlarmActions as unknown[]).length).toBe(1);
    }
    // The demo manifest gives orders.order.paid a tighter threshold than the default.
    expect(alarms.get('fulfilment.orders.order.paid orders.order.paid')?.Properties.Threshold).toBe(120);
    expect(alarms.get('order-projection.orders.order.placed orders.order.placed')?.Properties.Threshold).toBe(
      300,
    );
  });

  it('alarms on growth of every DLQ topic of the manifest', () => {
    const template = templateFor({ environment });
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as Resource[];

    for (const topic of manifest.topics) {
      const growth = alarms.filter((a) =>
        JSON.stringify(a.Properties.Metrics ?? '').includes(`'${topic.dlq}'`),
      );
      expect(growth).toHaveLength(1);
      expect(growth[0]?.Properties).toMatchObject({
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
      });
      expect(String(growth[0]?.Properties.AlarmDescription)).toContain(`${topic.dlq} is growing`);
    }
  });

  it('graphs the time lag of every consumer group on the dashboard', () => {
    const template = templateFor({ environment });
    const dashboard = Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0] as Resource;
    const body = JSON.stringify(dashboard.Properties.DashboardBody);

    expect(body).toContain('Consumer groups: time lag (s)');
    expect(body).toContain('EstimatedMaxTimeLag');
    for (const group of ['order-projection.orders.order.placed', 'fulfilment.orders.order.paid']) {
      expect(body).toContain(group);
    }
  });
});
