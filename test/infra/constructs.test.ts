import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { templateFor } from './support/synth.js';

describe('MskCluster', () => {
  it('provisions Kafka 4.1 (KRaft) with IAM auth only, TLS everywhere and a customer key at rest', () => {
    const template = templateFor({ environment: 'prod' });

    template.hasResourceProperties('AWS::MSK::Cluster', {
      KafkaVersion: '4.1.x.kraft',
      ClientAuthentication: {
        Sasl: { Iam: { Enabled: true }, Scram: { Enabled: false } },
        Unauthenticated: { Enabled: false },
      },
      EncryptionInfo: {
        EncryptionAtRest: { DataVolumeKMSKeyId: Match.anyValue() },
        EncryptionInTransit: { ClientBroker: 'TLS', InCluster: true },
      },
      LoggingInfo: { BrokerLogs: { CloudWatchLogs: { Enabled: true } } },
    });
  });

  it('spreads brokers over the private subnets, a multiple of the AZ count and at least three', () => {
    const cluster = Object.values(templateFor({ environment: 'prod' }).findResources('AWS::MSK::Cluster'))[0];
    const subnets = cluster?.Properties.BrokerNodeGroupInfo.ClientSubnets as unknown[];
    const brokers = cluster?.Properties.NumberOfBrokerNodes as number;

    expect(subnets.length).toBeGreaterThanOrEqual(2);
    expect(brokers % subnets.length).toBe(0);
    expect(brokers).toBeGreaterThanOrEqual(3);
  });

  it('turns off topic auto-creation and requires two in-sync replicas out of three', () => {
    const template = templateFor({ environment: 'prod' });

    template.hasResourceProperties('AWS::MSK::Configuration', {
      KafkaVersionsList: ['4.1.x.kraft'],
      ServerProperties: Match.stringLikeRegexp(
        'auto.create.topics.enable=false[\\s\\S]*default.replication.factor=3[\\s\\S]*min.insync.replicas=2',
      ),
    });
  });

  it('runs serverless with IAM auth when the environment asks for it', () => {
    const template = templateFor({ environment: 'dev' });

    template.resourceCountIs('AWS::MSK::Cluster', 0);
    template.hasResourceProperties('AWS::MSK::ServerlessCluster', {
      ClientAuthentication: { Sasl: { Iam: { Enabled: true } } },
    });
  });

  it('opens the brokers only to the client security group and to itself, never to a CIDR', () => {
    const template = templateFor({ environment: 'prod' });
    const brokerGroup = Object.entries(template.findResources('AWS::EC2::SecurityGroup')).find(([id]) =>
      id.startsWith('KafkaBrokerSecurityGroup'),
    );
    const ingress = Object.values(template.findResources('AWS::EC2::SecurityGroupIngress')).filter((rule) =>
      JSON.stringify(rule.Properties.GroupId).includes(brokerGroup?.[0] ?? '?'),
    );

    expect(brokerGroup?.[1].Properties.SecurityGroupIngress).toBeUndefined();
    expect(ingress.length).toBeGreaterThan(0);
    for (const rule of ingress) {
      expect(rule.Properties.CidrIp).toBeUndefined();
      expect(rule.Properties.SourceSecurityGroupId).toBeDefined();
      expect(rule.Properties.FromPort).toBe(9098);
    }
  });

  it('adds a SASL/SCRAM listener and associates the registry secret when the Confluent registry is chosen', () => {
    const template = templateFor({
      environment: 'prod',
      overrides: { registry: { engine: 'confluent', allowHttp: true } },
    });

    template.hasResourceProperties('AWS::MSK::Cluster', {
      ClientAuthentication: { Sasl: { Scram: { Enabled: true } } },
    });
    template.hasResourceProperties('AWS::MSK::BatchScramSecret', { SecretArnList: [Match.anyValue()] });
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      // Unique per deployment (finding 11): a CloudFormation join that still starts with AmazonMSK_.
      Name: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('^AmazonMSK_')])] },
      KmsKeyId: Match.anyValue(),
    });
  });
});

/** The IAM statements attached to the role of the function whose logical id starts with `prefix`. */
function statementsOf(
  template: ReturnType<typeof templateFor>,
  prefix: string,
): { Action: string | string[]; Resource: unknown }[] {
  return Object.entries(template.findResources('AWS::IAM::Policy'))
    .filter(([id]) => id.startsWith(prefix))
    .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement);
}

function actionsOf(statement: { Action: string | string[] }): string[] {
  return ([] as string[]).concat(statement.Action);
}

describe('grants on Kafka', () => {
  it('lets the relay write idempotently to the manifest topics by topic ARN, and nothing wider', () => {
    const statements = statementsOf(templateFor(), 'OutboxRelayServiceRole');
    const write = statements.find((s) => actionsOf(s).includes('kafka-cluster:WriteData'));
    const cluster = statements.find((s) => actionsOf(s).includes('kafka-cluster:WriteDataIdempotently'));

    expect(JSON.stringify(write?.Resource)).toContain(':topic/');
    expect(JSON.stringify(write?.Resource)).toContain('/orders.order.placed');
    expect(JSON.stringify(write?.Resource)).not.toContain('*');
    expect(actionsOf(cluster ?? { Action: [] })).toContain('kafka-cluster:Connect');
    expect(statements.flatMap(actionsOf)).not.toContain('kafka-cluster:*');
  });

  it('lets a consumer read its topics, join only its groups, and write only its DLQ topics', () => {
    const statements = statementsOf(templateFor(), 'FulfilmentFunctionServiceRole');
    const read = statements.find((s) => actionsOf(s).includes('kafka-cluster:ReadData'));
    const group = statements.find((s) => actionsOf(s).includes('kafka-cluster:AlterGroup'));
    const write = statements.find((s) => actionsOf(s).includes('kafka-cluster:WriteData'));

    expect(JSON.stringify(read?.Resource)).toContain('/orders.order.paid"');
    expect(JSON.stringify(group?.Resource)).toContain(':group/');
    expect(JSON.stringify(group?.Resource)).toContain('/fulfilment.orders.order.paid');
    expect(JSON.stringify(write?.Resource)).toContain('/orders.order.paid.dlq');
    expect(JSON.stringify(write?.Resource)).not.toMatch(/\/orders\.order\.paid"/);
  });
});

describe('KafkaTopics', () => {
  it('asks the provisioner for every manifest topic and its .dlq with partitions and configs', () => {
    const resource = Object.values(
      templateFor({ environment: 'prod' }).findResources('Custom::EventlineKafkaTopics'),
    )[0];
    const topics = JSON.parse(resource?.Properties.Topics as string) as {
      name: string;
      partitions: number;
      replicationFactor: number;
      config: Record<string, string>;
    }[];

    expect(topics.map((t) => t.name)).toContain('orders.order.placed');
    expect(topics.map((t) => t.name)).toContain('orders.order.placed.dlq');
    expect(topics.every((t) => t.partitions === 6 && t.replicationFactor === 3)).toBe(true);
    expect(topics[0]?.config['retention.ms']).toBe('604800000');
    expect(resource?.Properties.Auth).toBe('iam');
  });

  it('leaves replication to MSK Serverless (-1)', () => {
    const resource = Object.values(templateFor().findResources('Custom::EventlineKafkaTopics'))[0];
    const topics = JSON.parse(resource?.Properties.Topics as string) as { replicationFactor: number }[];

    expect(new Set(topics.map((t) => t.replicationFactor))).toEqual(new Set([-1]));
  });

  it('runs the provisioner in the VPC with topic-scoped admin rights', () => {
    const template = templateFor();
    const statements = statementsOf(template, 'KafkaTopicsHandlerServiceRole');
    const admin = statements.find((s) => actionsOf(s).includes('kafka-cluster:CreateTopic'));

    expect(JSON.stringify(admin?.Resource)).toContain(':topic/');
    expect(JSON.stringify(admin?.Resource)).not.toContain('*');
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^Topics as code'),
      VpcConfig: { SubnetIds: Match.anyValue(), SecurityGroupIds: Match.anyValue() },
    });
  });
});

describe('Outbox', () => {
  it('keeps the outbox with PITR, TTL and a NEW_IMAGE stream', () => {
    templateFor().hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      Replicas: [
        Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }),
      ],
    });
  });

  it('indexes the outbox by event id and by traceparent, keys only, for eventline trace', () => {
    templateFor().hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayWith([{ AttributeName: 'traceparent', AttributeType: 'S' }]),
      GlobalSecondaryIndexes: [
        {
          IndexName: 'by-event-id',
          KeySchema: [{ AttributeName: 'sk', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
        {
          IndexName: 'by-traceparent',
          KeySchema: [{ AttributeName: 'traceparent', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
    });
  });

  it('leaves the trace indexes out, or keeps the ones listed, as the environment says', () => {
    const outboxOf = (traceIndexes: unknown) => {
      const tables = templateFor({ overrides: { outbox: { traceIndexes } } }).findResources(
        'AWS::DynamoDB::GlobalTable',
        { Properties: { StreamSpecification: { StreamViewType: 'NEW_IMAGE' } } },
      );
      const [outbox, ...others] = Object.values(tables);
      expect(others).toHaveLength(0);
      return outbox?.Properties as {
        GlobalSecondaryIndexes?: { IndexName: string }[];
        AttributeDefinitions: { AttributeName: string }[];
      };
    };

    const none = outboxOf(false);
    expect(none.GlobalSecondaryIndexes).toBeUndefined();
    expect(none.AttributeDefinitions.map((a) => a.AttributeName)).toEqual(['pk', 'sk']);
    const first = outboxOf(['by-event-id']);
    expect(first.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(['by-event-id']);
    expect(first.AttributeDefinitions.map((a) => a.AttributeName)).toEqual(['pk', 'sk']);
    expect(() => outboxOf(['by-customer'])).toThrow(/outbox\.traceIndexes must be true, false or a list/);
  });

  it('triggers the relay on INSERTs only, with partial batch responses, bisect, bounded retries and age, and an SQS net', () => {
    templateFor().hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: Match.anyValue(),
      StartingPosition: 'TRIM_HORIZON',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      MaximumRecordAgeInSeconds: 86400,
      ParallelizationFactor: 1,
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ eventName: ['INSERT'] }) }] },
      DestinationConfig: {
        OnFailure: {
          Destination: Match.objectLike({
            'Fn::GetAtt': [Match.stringLikeRegexp('^OutboxRelayFailures'), 'Arn'],
          }),
        },
      },
    });
  });

  it('runs the relay on Node 22, ARM64, traced, with bounded log retention', () => {
    const template = templateFor();

    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^Outbox relay'),
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: Match.objectLike({ LogFormat: 'JSON' }),
    });
    const retentions = Object.values(template.findResources('AWS::Logs::LogGroup')).map(
      (g) => g.Properties.RetentionInDays,
    );
    expect(retentions.every((days) => typeof days === 'number')).toBe(true);
  });
});

describe('KafkaConsumer', () => {
  it('gives each topic its own MSK trigger with its own group, partial batch responses and the topic .dlq as Kafka destination', () => {
    const mappings = Object.values(templateFor().findResources('AWS::Lambda::EventSourceMapping')).filter(
      (m) => m.Properties.Topics !== undefined,
    );
    const fulfilment = mappings.find(
      (m) =>
        m.Properties.AmazonManagedKafkaEventSourceConfig?.ConsumerGroupId === 'fulfilment.orders.order.paid',
    );

    // order-projection reads three topics, fulfilment two (OrderPlaced for the shipping address).
    expect(mappings).toHaveLength(5);
    expect(
      new Set(mappings.map((m) => m.Properties.AmazonManagedKafkaEventSourceConfig.ConsumerGroupId)).size,
    ).toBe(5);
    expect(fulfilment?.Properties).toMatchObject({
      Topics: ['orders.order.paid'],
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: 10,
      DestinationConfig: { OnFailure: { Destination: 'kafka://orders.order.paid.dlq' } },
    });
  });

  it('uses provisioned pollers where the environment configures them', () => {
    const mappings = Object.values(
      templateFor({ environment: 'prod' }).findResources('AWS::Lambda::EventSourceMapping'),
    ).filter((m) => m.Properties.Topics !== undefined);

    expect(mappings.every((m) => m.Properties.ProvisionedPollerConfig?.MinimumPollers === 1)).toBe(true);
  });

  it('gives each consumer an idempotency table keyed by id with TTL', () => {
    const tables = Object.values(templateFor().findResources('AWS::DynamoDB::GlobalTable')).filter(
      (t) =>
        JSON.stringify(t.Properties.KeySchema) === JSON.stringify([{ AttributeName: 'id', KeyType: 'HASH' }]),
    );

    expect(tables).toHaveLength(2);
    expect(tables.every((t) => t.Properties.TimeToLiveSpecification?.AttributeName === 'expiresAt')).toBe(
      true,
    );
  });
});

describe('RegistryService', () => {
  it('runs at least two tasks behind an internal load balancer that checks liveness (/health)', () => {
    const template = templateFor();

    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { Scheme: 'internal' });
    template.hasResourceProperties('AWS::ECS::Service', { LaunchType: 'FARGATE' });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      HealthCheckPath: '/health',
    });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      MinCapacity: 2,
      MaxCapacity: 4,
    });
  });

  it('limits the task role to its Glue registry and its DynamoDB table', () => {
    const statements = statementsOf(templateFor(), 'RegistryTaskTaskRole');
    const glue = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('glue:')));
    const dynamo = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')));

    for (const statement of glue) {
      const resources = JSON.stringify(statement.Resource);
      // Both are authorized against no resource (see GlueRegistry.grantUnscoped).
      const unscoped = ['glue:CheckSchemaVersionValidity', 'glue:GetSchemaVersion'];
      if (actionsOf(statement).every((action) => unscoped.includes(action))) continue;
      expect(resources).toMatch(/GlueRegistry|schema\/eventline-dev\/\*/);
    }
    expect(JSON.stringify(dynamo.map((s) => s.Resource))).toContain('RegistryIdTable');
  });

  it('keeps the DEK registry in a table of its own that the task may only get, put, delete and query', () => {
    const template = templateFor();
    const statements = statementsOf(template, 'RegistryTaskTaskRole').filter((s) =>
      JSON.stringify(s.Resource).includes('RegistryDekTable'),
    );

    expect(statements.flatMap(actionsOf).sort()).toEqual([
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
    ]);
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [
        Match.objectLike({
          Environment: Match.arrayWith([
            Match.objectLike({
              Name: 'EVENTLINE_DEK_TABLE',
              Value: Match.objectLike({ Ref: Match.stringLikeRegexp('RegistryDekTable') }),
            }),
          ]),
        }),
      ],
    });
    const dekTables = Object.entries(template.findResources('AWS::DynamoDB::GlobalTable')).filter(([id]) =>
      id.includes('RegistryDekTable'),
    );
    expect(dekTables).toHaveLength(1);
    expect(dekTables[0]?.[1].Properties.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
  });

  it('accepts load balancer traffic from inside the VPC only', () => {
    const lbGroup = Object.values(templateFor().findResources('AWS::EC2::SecurityGroup')).find((g) =>
      String(g.Properties.GroupDescription).includes('RegistryServiceLB'),
    );
    const ingress = lbGroup?.Properties.SecurityGroupIngress as { CidrIp: unknown }[];

    expect(ingress).toHaveLength(1);
    expect(JSON.stringify(ingress[0]?.CidrIp)).toContain('CidrBlock');
  });

  it('runs the stock Confluent image over SCRAM when configured', () => {
    const template = templateFor({
      environment: 'prod',
      overrides: { registry: { engine: 'confluent', allowHttp: true } },
    });

    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [
        Match.objectLike({
          Image: Match.stringLikeRegexp('^confluentinc/cp-schema-registry:'),
          Environment: Match.arrayWith([
            { Name: 'SCHEMA_REGISTRY_KAFKASTORE_SASL_MECHANISM', Value: 'SCRAM-SHA-512' },
          ]),
          Secrets: Match.arrayWith([Match.objectLike({ Name: 'SCRAM_PASSWORD' })]),
        }),
      ],
    });
  });
});

describe('Observability', () => {
  it('alarms on consumer OffsetLag, DLQ topics, relay iterator age, errors, throttles and registry 5xx to an encrypted topic', () => {
    const template = templateFor();
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    const metricNames = alarms.map((a) => a.Properties.MetricName ?? JSON.stringify(a.Properties.Metrics));

    expect(metricNames.filter((n) => n === 'OffsetLag')).toHaveLength(2);
    expect(metricNames.filter((n) => String(n).includes('.dlq'))).toHaveLength(4);
    expect(metricNames).toContain('IteratorAge');
    expect(metricNames).toContain('Errors');
    expect(metricNames).toContain('Throttles');
    expect(metricNames.some((n) => String(n).includes('HTTPCode_Target_5XX_Count'))).toBe(true);
    expect(alarms.every((a) => (a.Properties.AlarmActions as unknown[]).length === 1)).toBe(true);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });
});

describe('Network', () => {
  it('builds a VPC across two AZs with flow logs and endpoints for the AWS APIs the functions call', () => {
    const template = templateFor();

    template.resourceCountIs('AWS::EC2::VPC', 1);
    template.resourceCountIs('AWS::EC2::FlowLog', 1);
    const endpoints = Object.values(template.findResources('AWS::EC2::VPCEndpoint')).map((e) =>
      JSON.stringify(e.Properties.ServiceName),
    );
    for (const service of ['dynamodb', 'glue', 'secretsmanager', 'sqs', 'lambda', 'sts']) {
      expect(endpoints.some((name) => name.includes(`.${service}`))).toBe(true);
    }
  });

  it('deploys into an existing VPC by ids, without a lookup', () => {
    const existing = {
      vpcId: 'vpc-0123456789abcdef0',
      vpcCidrBlock: '10.9.0.0/16',
      availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
      privateSubnetIds: ['subnet-0123456789abcdef1', 'subnet-0123456789abcdef2', 'subnet-0123456789abcdef3'],
    };
    const template = templateFor({ environment: 'prod', overrides: { vpc: { existing } } });

    template.resourceCountIs('AWS::EC2::VPC', 0);
    template.hasResourceProperties('AWS::MSK::Cluster', {
      BrokerNodeGroupInfo: Match.objectLike({
        ClientSubnets: ['subnet-0123456789abcdef1', 'subnet-0123456789abcdef2', 'subnet-0123456789abcdef3'],
      }),
      NumberOfBrokerNodes: 3,
    });
  });
});

describe('EventlineStack outputs', () => {
  it('tells the operator the registry URL and secret, the cluster, the outbox and the alarm topic', () => {
    const outputs = Object.keys(templateFor().findOutputs('*'));

    for (const name of [
      'RegistryUrl',
      'RegistryCredentialsSecret',
      'MskClusterArn',
      'OutboxTableName',
      'AlarmTopicArn',
    ]) {
      expect(outputs).toContain(name);
    }
  });
});
