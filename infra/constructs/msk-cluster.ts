import { Arn, ArnFormat, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PredefinedMetric, ScalableTarget, ServiceNamespace } from 'aws-cdk-lib/aws-applicationautoscaling';
import { Connections, type IConnectable, Peer, Port, SecurityGroup } from 'aws-cdk-lib/aws-ec2';
import { type IGrantable, PolicyStatement, Role } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnCluster, CfnConfiguration, CfnServerlessCluster } from 'aws-cdk-lib/aws-msk';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { EnvNames } from '../../functions/lib/config/env-names.js';
import { MskModes } from '../config/environment.js';
import { acknowledgeResource } from '../nag.js';
import type { EventlineFunction } from './eventline-function.js';
import { defaultKafkaVersion, type MskClusterProps } from './msk-cluster-props.js';
import { mskRules } from './msk-cluster-rules.js';

/** Broker ports by listener: IAM over TLS, SCRAM over TLS. */
export const MskPorts = { iam: 9098, scram: 9096 } as const;

/** Broker settings Eventline relies on: no implicit topics, and acks=all surviving one broker loss. */
export const brokerProperties = {
  'auto.create.topics.enable': 'false',
  'default.replication.factor': '3',
  'min.insync.replicas': '2',
  'unclean.leader.election.enable': 'false',
} as const;

/**
 * With SASL/SCRAM on, Kafka ACLs authorize the SCRAM users; without this a user with no
 * ACL may do anything. IAM clients are authorized by IAM policies and never see it.
 */
export const scramBrokerProperties = { 'allow.everyone.if.no.acl.found': 'false' } as const;

/** How Lambda's MSK pollers, which run with the cluster's security group, reach Lambda and STS. */
export const PollerEgress = {
  /** Through interface endpoints inside the VPC: HTTPS to the VPC's addresses only. */
  vpcEndpoints: 'vpc-endpoints',
  /** Through NAT or whatever route the VPC has: HTTPS to any address. */
  anywhere: 'anywhere',
} as const;
export type PollerEgressKind = (typeof PollerEgress)[keyof typeof PollerEgress];

/**
 * Amazon MSK, provisioned (L1 CfnCluster) or serverless, with IAM client authentication,
 * TLS everywhere and encryption at rest. Only members of `clientSecurityGroup` (and the
 * cluster itself, which Lambda's MSK pollers use) reach the brokers. Access is granted
 * per topic and consumer group ARN with `grantProduce`, `grantConsume` and `grantTopicAdmin`.
 */
export class MskCluster extends Construct implements IConnectable {
  readonly clusterArn: string;
  readonly clusterName: string;
  readonly mode: (typeof MskModes)[keyof typeof MskModes];
  /** Attached to the brokers; Lambda's MSK event source mappings run with it too. */
  readonly securityGroup: SecurityGroup;
  /** Give this to a function or task that talks to Kafka. */
  readonly clientSecurityGroup: SecurityGroup;
  readonly connections: Connections;
  /** Replication factor for new topics: 3 on provisioned, the service's own (-1) on serverless. */
  readonly replicationFactor: number;
  /** Brokers of a provisioned cluster. @default - none on serverless */
  readonly brokerCount?: number;
  /** The cluster's min.insync.replicas (2, serverless fixes the same). */
  readonly minInsyncReplicas = Number(brokerProperties['min.insync.replicas']);
  /** `host:port,...` for IAM clients, read from MSK at deploy time. */
  readonly bootstrapBrokersIam: string;
  private readonly scramBrokers?: string;

  constructor(scope: Construct, id: string, props: MskClusterProps) {
    super(scope, id);
    this.mode = props.mode ?? MskModes.serverless;
    const stack = Stack.of(this);
    this.clusterName = props.clusterName ?? `${stack.stackName}-kafka`.slice(0, 64);
    this.securityGroup = new SecurityGroup(this, 'BrokerSecurityGroup', {
      vpc: props.vpc,
      description: `MSK ${this.clusterName} brokers: Kafka clients of this deployment only`,
      allowAllOutbound: false,
    });
    this.clientSecurityGroup = new SecurityGroup(this, 'ClientSecurityGroup', {
      vpc: props.vpc,
      description: `Kafka clients of MSK ${this.clusterName}`,
      allowAllOutbound: true,
    });
    const ports = props.scram ? [MskPorts.iam, MskPorts.scram] : [MskPorts.iam];
    for (const port of ports) {
      this.securityGroup.addIngressRule(this.clientSecurityGroup, Port.tcp(port), `Kafka clients on ${port}`);
      this.securityGroup.addIngressRule(
        this.securityGroup,
        Port.tcp(port),
        `Lambda MSK pollers (cluster SG) on ${port}`,
      );
      this.securityGroup.addEgressRule(
        this.securityGroup,
        Port.tcp(port),
        `Lambda MSK pollers to brokers on ${port}`,
      );
    }
    // Lambda's MSK pollers use the cluster's security group and call Lambda and STS over HTTPS.
    // With this deployment's interface endpoints the VPC's addresses suffice; otherwise (no
    // endpoints, or an existing VPC whose endpoints we cannot know) they go through NAT, and
    // an AWS API's public addresses cannot be listed in a rule, so 443 is open to any address.
    if ((props.pollerEgress ?? PollerEgress.vpcEndpoints) === PollerEgress.vpcEndpoints) {
      this.securityGroup.addEgressRule(
        Peer.ipv4(props.vpc.vpcCidrBlock),
        Port.tcp(443),
        'Pollers to the Lambda and STS interface endpoints',
      );
    } else {
      this.securityGroup.addEgressRule(
        Peer.anyIpv4(),
        Port.tcp(443),
        'Pollers to Lambda and STS through NAT',
      );
    }
    this.connections = new Connections({ securityGroups: [this.securityGroup] });
    const selected = props.vpc.selectSubnets(props.subnets);
    const subnetIds = selected.subnetIds;

    if (this.mode === MskModes.provisioned) {
      this.replicationFactor = Number(brokerProperties['default.replication.factor']);
      const brokers = subnetIds.length * (props.brokersPerAz ?? 2);
      this.brokerCount = brokers;
      this.clusterArn = this.provisioned(props, subnetIds, brokers);
    } else {
      if (props.scram) throw new Error('MskCluster: SASL/SCRAM is not available on MSK Serverless');
      this.replicationFactor = -1;
      this.clusterArn = new CfnServerlessCluster(this, 'Cluster', {
        clusterName: this.clusterName,
        clientAuthentication: { sasl: { iam: { enabled: true } } },
        vpcConfigs: [{ subnetIds, securityGroups: [this.securityGroup.securityGroupId] }],
      }).attrArn;
    }

    this.node.addValidation({
      validate: () =>
        mskRules({
          mode: this.mode,
          availabilityZones: new Set(selected.availabilityZones).size,
          subnets: subnetIds.length,
          ...(this.brokerCount === undefined ? {} : { brokers: this.brokerCount }),
          // MSK Serverless fixes replication at 3 and min.insync.replicas at 2.
          replicationFactor: this.replicationFactor === -1 ? 3 : this.replicationFactor,
          minInsyncReplicas: this.minInsyncReplicas,
        }),
    });

    const lookup = new AwsCustomResource(this, 'BootstrapBrokers', {
      installLatestAwsSdk: false,
      logGroup: new LogGroup(this, 'BootstrapBrokersLogs', {
        retention: props.logRetention ?? RetentionDays.ONE_MONTH,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
      onUpdate: {
        service: 'Kafka',
        action: 'getBootstrapBrokers',
        parameters: { ClusterArn: this.clusterArn },
        physicalResourceId: PhysicalResourceId.of(this.clusterArn),
        outputPaths: props.scram
          ? ['BootstrapBrokerStringSaslIam', 'BootstrapBrokerStringSaslScram']
          : ['BootstrapBrokerStringSaslIam'],
      },
      policy: AwsCustomResourcePolicy.fromSdkCalls({ resources: [this.clusterArn] }),
    });
    this.bootstrapBrokersIam = lookup.getResponseField('BootstrapBrokerStringSaslIam');
    if (props.scram) this.scramBrokers = lookup.getResponseField('BootstrapBrokerStringSaslScram');
  }

  /** `host:port,...` for SASL/SCRAM clients; only when the cluster was built with `scram: true`. */
  get bootstrapBrokersScram(): string {
    if (!this.scramBrokers) throw new Error('MskCluster: SASL/SCRAM is not enabled on this cluster');
    return this.scramBrokers;
  }

  /** Sets a function's Kafka connection variables: brokers (looked up at deploy), cluster ARN, IAM auth. */
  bindClient(fn: EventlineFunction): void {
    fn.bindEnv(EnvNames.kafkaBrokers, this.bootstrapBrokersIam)
      .bindEnv(EnvNames.mskClusterArn, this.clusterArn)
      .bindEnv(EnvNames.kafkaAuth, 'iam');
  }

  /** Write (idempotently) to the topics. */
  grantProduce(grantee: IGrantable, topics: readonly string[]): void {
    this.grantCluster(grantee, ['kafka-cluster:WriteDataIdempotently']);
    this.grant(
      grantee,
      ['kafka-cluster:DescribeTopic', 'kafka-cluster:WriteData'],
      topics.map((t) => this.topicArn(t)),
    );
  }

  /** Read the topics as members of the consumer groups. */
  grantConsume(grantee: IGrantable, topics: readonly string[], groups: readonly string[]): void {
    // Lambda's MSK poller reads the cluster's dynamic config with the function's role.
    this.grantCluster(grantee, ['kafka-cluster:DescribeClusterDynamicConfiguration']);
    this.grant(
      grantee,
      ['kafka-cluster:DescribeTopic', 'kafka-cluster:ReadData'],
      topics.map((t) => this.topicArn(t)),
    );
    this.grant(
      grantee,
      ['kafka-cluster:AlterGroup', 'kafka-cluster:DescribeGroup'],
      groups.map((g) => this.groupArn(g)),
    );
  }

  /** Create, grow, reconfigure and (when empty) delete the topics. */
  grantTopicAdmin(grantee: IGrantable, topics: readonly string[]): void {
    this.grantCluster(grantee, []);
    this.grant(
      grantee,
      [
        'kafka-cluster:CreateTopic',
        'kafka-cluster:DescribeTopic',
        'kafka-cluster:AlterTopic',
        'kafka-cluster:DeleteTopic',
        'kafka-cluster:DescribeTopicDynamicConfiguration',
        'kafka-cluster:AlterTopicDynamicConfiguration',
      ],
      topics.map((t) => this.topicArn(t)),
    );
  }

  /**
   * Describe (never change) every topic of the cluster: MSK leaves out of the metadata any
   * topic a principal cannot describe, so without it a topic nobody lists is invisible.
   */
  grantDescribeAllTopics(grantee: IGrantable): void {
    this.grant(
      grantee,
      ['kafka-cluster:DescribeTopic', 'kafka-cluster:DescribeTopicDynamicConfiguration'],
      [this.topicArn('*')],
    );
  }

  /**
   * Create Kafka ACLs (for SASL/SCRAM users): Kafka authorizes CreateAcls as Alter on the
   * cluster, which MSK's IAM access control maps to kafka-cluster:AlterCluster.
   */
  grantAclAdmin(grantee: IGrantable): void {
    this.grantCluster(grantee, ['kafka-cluster:AlterCluster']);
  }

  /** ARN of a topic of this cluster: `arn:…:topic/<cluster name>/<cluster uuid>/<topic>`. */
  topicArn(topic: string): string {
    return this.childArn('topic', topic);
  }

  /** ARN of a consumer group of this cluster. */
  groupArn(group: string): string {
    return this.childArn('group', group);
  }

  private childArn(kind: 'topic' | 'group', name: string): string {
    // The cluster ARN is `arn:…:cluster/<name>/<uuid>`; topic and group ARNs reuse name and uuid.
    const parts = Fn.split('/', this.clusterArn);
    return Arn.format(
      {
        service: 'kafka',
        resource: kind,
        resourceName: `${Fn.select(1, parts)}/${Fn.select(2, parts)}/${name}`,
        arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      },
      Stack.of(this),
    );
  }

  private grantCluster(grantee: IGrantable, extra: readonly string[]): void {
    this.grant(
      grantee,
      ['kafka-cluster:Connect', 'kafka-cluster:DescribeCluster', ...extra],
      [this.clusterArn],
    );
  }

  private grant(grantee: IGrantable, actions: readonly string[], resources: readonly string[]): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: [...actions], resources: [...resources] }),
    );
  }

  private provisioned(props: MskClusterProps, subnetIds: string[], brokers: number): string {
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.DESTROY;
    const kafkaVersion = props.kafkaVersion ?? defaultKafkaVersion;
    const key = new Key(this, 'StorageKey', {
      enableKeyRotation: true,
      description: `MSK ${this.clusterName} encryption at rest`,
      removalPolicy,
    });
    const logs = new LogGroup(this, 'BrokerLogs', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy,
    });
    const configuration = new CfnConfiguration(this, 'Configuration', {
      name: `${this.clusterName}-config`,
      kafkaVersionsList: [kafkaVersion],
      serverProperties: Object.entries({ ...brokerProperties, ...(props.scram ? scramBrokerProperties : {}) })
        .map(([name, value]) => `${name}=${value}`)
        .join('\n'),
    });
    const cluster = new CfnCluster(this, 'Cluster', {
      clusterName: this.clusterName,
      kafkaVersion,
      numberOfBrokerNodes: brokers,
      brokerNodeGroupInfo: {
        instanceType: props.instanceType ?? 'kafka.m7g.large',
        clientSubnets: subnetIds,
        securityGroups: [this.securityGroup.securityGroupId],
        storageInfo: { ebsStorageInfo: { volumeSize: props.volumeSizeGiB ?? 100 } },
      },
      clientAuthentication: {
        sasl: { iam: { enabled: true }, scram: { enabled: props.scram === true } },
        unauthenticated: { enabled: false },
      },
      encryptionInfo: {
        encryptionAtRest: { dataVolumeKmsKeyId: key.keyArn },
        encryptionInTransit: { clientBroker: 'TLS', inCluster: true },
      },
      // Each edit of the server properties makes a new revision; the cluster follows the latest.
      configurationInfo: { arn: configuration.attrArn, revision: configuration.attrLatestRevisionRevision },
      loggingInfo: { brokerLogs: { cloudWatchLogs: { enabled: true, logGroup: logs.logGroupName } } },
      enhancedMonitoring: 'PER_TOPIC_PER_BROKER',
    });
    // Never retained, even with retainData: a retained cluster keeps its subnets and security
    // group in use (so the stack cannot be deleted) and keeps billing, and its records would
    // not outlive the topics custom resource anyway. Keep records elsewhere (MSK Replicator, S3 sink).
    cluster.applyRemovalPolicy(RemovalPolicy.DESTROY);
    this.storageAutoScaling(cluster.ref, props);
    return cluster.ref;
  }

  /**
   * Grows broker volumes when disk use passes the target (MSK never shrinks them), through
   * Application Auto Scaling and MSK's service-linked role.
   */
  private storageAutoScaling(clusterArn: string, props: MskClusterProps): void {
    const volume = props.volumeSizeGiB ?? 100;
    const target = new ScalableTarget(this, 'StorageScaling', {
      serviceNamespace: ServiceNamespace.KAFKA,
      scalableDimension: 'kafka:broker-storage:VolumeSize',
      resourceId: clusterArn,
      minCapacity: 1,
      maxCapacity: props.maxVolumeSizeGiB ?? Math.min(volume * 4, 16384),
      role: Role.fromRoleArn(
        this,
        'StorageScalingRole',
        Stack.of(this).formatArn({
          service: 'iam',
          region: '',
          resource: 'role',
          resourceName:
            'aws-service-role/kafka.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_KafkaCluster',
        }),
      ),
    });
    target.scaleToTrackMetric('DiskUse', {
      predefinedMetric: PredefinedMetric.KAFKA_BROKER_STORAGE_UTILIZATION,
      targetValue: storageTargetUtilization,
      disableScaleIn: true,
    });
  }
}

/** Disk use MSK storage autoscaling keeps each broker under. */
export const storageTargetUtilization = 60;

/** Acknowledgements for the singleton Lambda behind AwsCustomResource, which aws-cdk-lib owns. */
export function acknowledgeAwsCustomResourceFindings(stack: Stack): void {
  const singleton = stack.node.tryFindChild('AWS679f53fac002430cb0da5b7982bd2287') as
    | LambdaFunction
    | undefined;
  if (!singleton) return;
  if (singleton.role) {
    acknowledgeResource(singleton.role, {
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]':
        'aws-cdk-lib owned AwsCustomResource handler: the basic execution policy only lets it write its own logs',
    });
  }
  acknowledgeResource(singleton, {
    'AwsSolutions-L1': 'aws-cdk-lib owned AwsCustomResource handler; its runtime is chosen by aws-cdk-lib',
    'Serverless-LambdaDLQ':
      'Invoked synchronously by CloudFormation, which reports failures; an async DLQ never applies',
    'Serverless-LambdaDefaultMemorySize':
      'aws-cdk-lib owned AwsCustomResource handler: one small SDK call per deploy',
    'Serverless-LambdaLatestVersion':
      'aws-cdk-lib owned AwsCustomResource handler; runtime managed by aws-cdk-lib',
    'Serverless-LambdaTracing':
      'aws-cdk-lib owned AwsCustomResource handler: one SDK call per deploy, nothing to trace',
  });
}
