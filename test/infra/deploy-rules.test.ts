import { App } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { EnvironmentConfigError, resolveEnvironment } from '../../infra/config/index.js';
import {
  confluentRegistryAcls,
  confluentRegistryUser,
} from '../../infra/constructs/confluent-registry-acls.js';
import { KafkaConsumer } from '../../infra/constructs/kafka-consumer.js';
import { mskRules } from '../../infra/constructs/msk-cluster-rules.js';
import { HandlerEntries } from '../../infra/paths.js';
import { EventlineStack } from '../../infra/stacks/eventline-stack.js';
import { cdkJsonEnvironments, synthStack, templateFor } from './support/synth.js';

/** The IAM statements of the topics custom resource's handler. */
function handlerStatements(template: Template): Record<string, unknown>[] {
  return Object.entries(template.findResources('AWS::IAM::Policy'))
    .filter(([id]) => id.startsWith('KafkaTopicsHandler'))
    .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as Record<string, unknown>[]);
}

/** A stack of a cdk.json environment with the env the CLI would give it. */
function stackWithEnv(
  name: string,
  overrides: Record<string, unknown>,
  env: { account?: string; region: string },
) {
  const config = resolveEnvironment(name, { ...cdkJsonEnvironments()[name], ...overrides });
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new EventlineStack(app, `Eventline-${name}`, { config, env });
  return { app, stack };
}

describe('Kafka trigger error handling', () => {
  it('gives every trigger of dev provisioned pollers in one poller group, with metrics', () => {
    const mappings = Object.values(templateFor().findResources('AWS::Lambda::EventSourceMapping')).filter(
      (m) => m.Properties.Topics,
    );

    expect(mappings.length).toBeGreaterThan(0);
    for (const mapping of mappings) {
      expect(mapping.Properties).toMatchObject({
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ProvisionedPollerConfig: { MinimumPollers: 1, MaximumPollers: 2, PollerGroupName: 'eventline-dev' },
        MetricsConfig: { Metrics: ['EventCount', 'ErrorCount', 'KafkaMetrics'] },
      });
    }
  });

  it('logs the pollers at INFO in prod', () => {
    templateFor({ environment: 'prod' }).hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      LoggingConfig: { SystemLogLevel: 'INFO' },
    });
  });

  it('refuses error handling on on-demand pollers with a message that names the fix', () => {
    const { stack } = synthStack();
    const consumer = new KafkaConsumer(stack, 'OnDemand', {
      entry: HandlerEntries.orderProjection,
      description: 'on-demand',
      topics: ['orders.order.placed'],
      consumerGroup: 'on-demand',
      cluster: stack.cluster,
      registry: stack.registry,
      vpc: stack.network.vpc,
      vpcSubnets: stack.network.privateSubnets,
      provisionedPollers: undefined,
    });

    expect(consumer.node.validate()).toEqual([
      expect.stringMatching(/need provisioned pollers; set provisionedPollers/),
    ]);
  });

  it('refuses poller bounds Lambda rejects', () => {
    expect(() =>
      resolveEnvironment('bad', { consumers: { provisionedPollers: { minimum: 3, maximum: 2 } } }),
    ).toThrow(/1 <= minimum <= maximum <= 2000/);
  });
});

describe('availability zones', () => {
  it('builds prod in the 3 zones cdk.json names, with a broker in each', () => {
    const template = templateFor({ environment: 'prod' });
    const zones = Object.values(template.findResources('AWS::EC2::Subnet')).map(
      (s) => s.Properties.AvailabilityZone,
    );

    expect(new Set(zones)).toEqual(new Set(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']));
    template.hasResourceProperties('AWS::MSK::Cluster', { NumberOfBrokerNodes: 3 });
  });

  it('synthesizes prod with an account set and no AZ lookup (offline)', () => {
    const { app } = stackWithEnv(
      'prod',
      { account: '123456789012' },
      { account: '123456789012', region: 'eu-west-1' },
    );

    const assembly = app.synth();

    expect(assembly.manifest.missing ?? []).toEqual([]);
  });

  it('refuses provisioned MSK when the VPC resolves only 2 AZs (account-agnostic synth)', () => {
    const { app } = stackWithEnv('prod', { vpc: { maxAzs: 3, natGateways: 1 } }, { region: 'eu-west-1' });

    expect(() => app.synth()).toThrow(/needs brokers in at least 3 AZs[\s\S]*vpc.availabilityZones/);
  });

  it.each([
    [{ account: '123456789012', region: 'eu-west-1' }, /list them in vpc.availabilityZones/],
    [{ vpc: { availabilityZones: ['eu-west-1a', 'eu-west-1b'] } }, /set "region" beside it/],
    [
      { region: 'eu-west-1', vpc: { availabilityZones: ['us-east-1a', 'us-east-1b'] } },
      /distinct zones of region/,
    ],
    [{ vpc: { natGateways: 0, interfaceEndpoints: false } }, /nothing in the VPC reaches AWS APIs/],
  ])('refuses %j with the fix in the message', (raw, message) => {
    expect(() => resolveEnvironment('bad', raw)).toThrow(EnvironmentConfigError);
    expect(() => resolveEnvironment('bad', raw)).toThrow(message);
  });
});

describe('MSK deploy-time rules', () => {
  const prodLike = {
    mode: 'provisioned',
    availabilityZones: 3,
    subnets: 3,
    brokers: 3,
    replicationFactor: 3,
    minInsyncReplicas: 2,
  } as const;

  it('accepts the prod shape and serverless in 2 AZs', () => {
    expect(mskRules(prodLike)).toEqual([]);
    expect(
      mskRules({
        mode: 'serverless',
        availabilityZones: 2,
        subnets: 2,
        replicationFactor: 3,
        minInsyncReplicas: 2,
      }),
    ).toEqual([]);
  });

  it.each([
    ['brokers a multiple of the AZs', { brokers: 4 }, /multiple of the AZ count/],
    [
      'replication factor <= brokers',
      { availabilityZones: 3, brokers: 3, replicationFactor: 4 },
      /at least as many brokers/,
    ],
    [
      'min.insync.replicas < replication factor',
      { minInsyncReplicas: 3 },
      /must be below the replication factor/,
    ],
    ['3 AZs for replication factor 3', { availabilityZones: 2, subnets: 2, brokers: 4 }, /at least 3 AZs/],
    ['one subnet per AZ', { subnets: 6 }, /one client subnet per availability zone/],
  ])('checks %s', (_rule, change, message) => {
    expect(mskRules({ ...prodLike, ...change })).toEqual(
      expect.arrayContaining([expect.stringMatching(message)]),
    );
  });
});

describe('MskCluster (findings 8, 10, 11, 12)', () => {
  it('follows the configuration latest revision instead of revision 1', () => {
    templateFor({ environment: 'prod' }).hasResourceProperties('AWS::MSK::Cluster', {
      ConfigurationInfo: {
        Revision: { 'Fn::GetAtt': [Match.stringLikeRegexp('KafkaConfiguration'), 'LatestRevision.Revision'] },
      },
    });
  });

  it('never retains the cluster, even with retainData, and scales broker storage', () => {
    const template = templateFor({ environment: 'prod' });

    template.hasResource('AWS::MSK::Cluster', { DeletionPolicy: 'Delete' });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      ScalableDimension: 'kafka:broker-storage:VolumeSize',
      ServiceNamespace: 'kafka',
    });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      TargetTrackingScalingPolicyConfiguration: Match.objectLike({
        PredefinedMetricSpecification: { PredefinedMetricType: 'KafkaBrokerStorageUtilization' },
      }),
    });
  });

  it('denies SCRAM users without ACLs when the Confluent engine is on', () => {
    const template = templateFor({ environment: 'prod', overrides: { registry: { engine: 'confluent' } } });

    template.hasResourceProperties('AWS::MSK::Configuration', {
      ServerProperties: Match.stringLikeRegexp('allow.everyone.if.no.acl.found=false'),
    });
  });

  it('has the topics handler create the Confluent registry user ACLs before the registry starts', () => {
    const { stack } = synthStack({ environment: 'prod', overrides: { registry: { engine: 'confluent' } } });
    const template = templateFor({ environment: 'prod', overrides: { registry: { engine: 'confluent' } } });
    const topicsResource = Object.entries(template.findResources('Custom::EventlineKafkaTopics'))[0];
    const secret = Object.values(template.findResources('AWS::SecretsManager::Secret')).find((s) =>
      JSON.stringify(s.Properties.Name ?? '').includes('AmazonMSK_'),
    );
    const service = Object.values(template.findResources('AWS::ECS::Service'))[0];

    expect(JSON.parse(topicsResource?.[1].Properties.Acls)).toEqual(confluentRegistryAcls());
    expect(JSON.parse(secret?.Properties.GenerateSecretString.SecretStringTemplate).username).toBe(
      confluentRegistryUser,
    );
    expect(service?.DependsOn).toEqual(expect.arrayContaining([topicsResource?.[0]]));
    expect(JSON.stringify(handlerStatements(template))).toContain('kafka-cluster:AlterCluster');
    expect(stack.node.validate()).toEqual([]);
  });

  it('gives the topics handler no ACL rights when no SCRAM user exists', () => {
    const template = templateFor();

    template.hasResourceProperties('Custom::EventlineKafkaTopics', { Acls: '[]' });
    expect(JSON.stringify(handlerStatements(template))).not.toContain('kafka-cluster:AlterCluster');
  });

  it('gives the Glue registry of a retained deployment a name of its own', () => {
    templateFor({ environment: 'prod' }).hasResourceProperties('AWS::Glue::Registry', {
      Name: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('^eventline-prod-')])] },
    });
  });

  it.each([
    [
      { vpc: { interfaceEndpoints: true, natGateways: 1 } },
      { 'Fn::GetAtt': [expect.stringMatching(/^NetworkVpc/), 'CidrBlock'] },
    ],
    [{ vpc: { interfaceEndpoints: false, natGateways: 1 } }, '0.0.0.0/0'],
  ])('lets the pollers reach Lambda and STS on 443 with %j, and nothing wider', (overrides, cidr) => {
    const template = templateFor({ overrides });
    const broker = Object.entries(template.findResources('AWS::EC2::SecurityGroup')).find(([id]) =>
      id.startsWith('KafkaBrokerSecurityGroup'),
    );
    const egress = (broker?.[1].Properties.SecurityGroupEgress ?? []) as Record<string, unknown>[];

    expect(
      egress.filter((rule) => rule.FromPort === 443 && rule.ToPort === 443).map((rule) => rule.CidrIp),
    ).toEqual([cidr]);
  });
});

describe('topics custom resource (finding 5)', () => {
  it('lets the provisioner describe every topic of the cluster but change only the manifest topics', () => {
    const template = templateFor();
    const statements = handlerStatements(template);
    const wildcard = statements.filter((s) => JSON.stringify(s.Resource).endsWith('/*"]]}'));

    expect(wildcard).toHaveLength(1);
    expect(wildcard[0]?.Action).toEqual([
      'kafka-cluster:DescribeTopic',
      'kafka-cluster:DescribeTopicDynamicConfiguration',
    ]);
    template.hasResourceProperties('Custom::EventlineKafkaTopics', { RetiredTopics: '[]' });
  });
});

describe('observability (finding 9 and broker alarms)', () => {
  it('synthesizes with alarmEmail, the subscription keeping undelivered alarms in a queue', () => {
    const { stack } = synthStack({ overrides: { alarmEmail: 'oncall@example.com' } });
    const template = templateFor({ overrides: { alarmEmail: 'oncall@example.com' } });

    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      RedrivePolicy: { deadLetterTargetArn: Match.anyValue() },
    });
    expect(stack.node.validate()).toEqual([]);
  });

  it('alarms on broker disk, CPU, under-replicated and offline partitions and failed DLQ deliveries in prod', () => {
    const alarms = Object.values(
      templateFor({ environment: 'prod' }).findResources('AWS::CloudWatch::Alarm'),
    );
    const text = JSON.stringify(alarms);

    for (const metric of [
      'KafkaDataLogsDiskUsed',
      'UnderReplicatedPartitions',
      'OfflinePartitionsCount',
      'CpuUser',
      'DestinationDeliveryFailures',
    ]) {
      expect(text).toContain(metric);
    }
  });

  it('sets every function log group to the configured retention', () => {
    const template = templateFor({ environment: 'prod' });
    const groups = template.findResources('AWS::Logs::LogGroup');
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));

    for (const fn of functions) {
      const ref = fn.Properties.LoggingConfig?.LogGroup?.Ref as string | undefined;
      expect(ref, JSON.stringify(fn.Properties.Description ?? fn.Properties.Handler)).toBeDefined();
      expect(groups[ref ?? '']?.Properties.RetentionInDays).toBe(90);
    }
  });
});
