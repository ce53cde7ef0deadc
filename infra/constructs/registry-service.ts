import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Billing, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Peer, Port, SecurityGroup } from 'aws-cdk-lib/aws-ec2';
import { Platform } from 'aws-cdk-lib/aws-ecr-assets';
import {
  AwsLogDriver,
  type CfnService,
  Cluster,
  ContainerImage,
  ContainerInsights,
  CpuArchitecture,
  Secret as EcsSecret,
  FargateTaskDefinition,
  OperatingSystemFamily,
} from 'aws-cdk-lib/aws-ecs';
import { ApplicationLoadBalancedFargateService } from 'aws-cdk-lib/aws-ecs-patterns';
import { ApplicationProtocol } from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Key } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnBatchScramSecret } from 'aws-cdk-lib/aws-msk';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { EnvNames } from '../../functions/lib/config/env-names.js';
import { Roles } from '../../registry/access/roles.js';
import { registryImageContext } from '../../registry/image/build-context.js';
import { serviceTableDefinition } from '../../registry/store/table.js';
import { RegistryEngines } from '../config/environment.js';
import { acknowledge } from '../nag.js';
import type { EventlineFunction } from './eventline-function.js';
import { MskPorts } from './msk-cluster.js';
import { perDeploymentName } from './physical-name.js';
import type { DekRegistryBinding, RegistryBinding } from './registry-binding.js';
import { domainProblems, registryHttps } from './registry-domain.js';
import { type RegistryClientRole, RegistryClientRoles, RegistryPrincipals } from './registry-principals.js';
import type { RegistryServiceProps } from './registry-service-props.js';
import { keysFromDefinition } from './table-keys.js';

/** Port the registry containers listen on (Confluent's default). */
export const registryContainerPort = 8081;

/** The basic-auth realm of the stock Confluent image: a JAAS section over a users file. */
const confluentRealm = 'SchemaRegistry-Props';

/**
 * The Confluent-compatible schema registry on Fargate behind an internal load balancer:
 * Eventline's service over Glue and DynamoDB (default), or the stock Confluent image
 * storing its schemas in MSK over SASL/SCRAM. At least two tasks across AZs, liveness
 * health checks, CPU and request autoscaling, a basic-auth user in Secrets Manager for
 * either engine, and HTTPS on a custom domain (synth refuses basic auth over plain HTTP
 * unless `allowHttp` says so).
 */
export class RegistryService extends Construct implements RegistryBinding, DekRegistryBinding {
  readonly service: ApplicationLoadBalancedFargateService;
  readonly url: string;
  /** The admin principal (the stock Confluent image's one user). */
  readonly credentials: Secret;
  /** Reader, writer and CI principals (`eventline` engine). */
  readonly principals?: RegistryPrincipals;
  /** Audit trail of every registry change, kept apart from the service's logs (`eventline` engine). */
  readonly auditLogs?: LogGroup;
  readonly idTable?: TableV2;
  /** The DEK registry's KEKs and DEKs (wrapped keys only: the service never sees key material). */
  readonly dekTable?: TableV2;
  readonly engine: (typeof RegistryEngines)[keyof typeof RegistryEngines];
  /** Tasks that must always run; autoscaling never goes below it. */
  readonly minTasks: number;

  constructor(scope: Construct, id: string, props: RegistryServiceProps) {
    super(scope, id);
    this.engine = props.engine ?? RegistryEngines.eventline;
    this.minTasks = props.minTasks ?? 2;
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const logRetention = props.logRetention ?? RetentionDays.ONE_MONTH;
    this.credentials = new Secret(this, 'Credentials', {
      description: 'Admin principal of the schema registry (basic auth)',
      generateSecretString: {
        // The role is read by Eventline's service (a principal secret); the stock image's user is admin anyway.
        secretStringTemplate: JSON.stringify({ username: props.user ?? 'eventline', role: Roles.admin }),
        generateStringKey: 'password',
        excludePunctuation: true,
      },
      removalPolicy,
    });
    acknowledge(this.credentials, {
      'AwsSolutions-SMG4':
        'Rotating the basic-auth password needs a coordinated restart of registry tasks and clients; rotation is left to the operator',
    });

    const cluster = new Cluster(this, 'Cluster', {
      vpc: props.vpc,
      containerInsightsV2: ContainerInsights.ENABLED,
    });
    const taskDefinition = new FargateTaskDefinition(this, 'Task', {
      cpu: props.cpu ?? 512,
      memoryLimitMiB: props.memoryMiB ?? 1024,
      runtimePlatform: {
        cpuArchitecture: CpuArchitecture.X86_64,
        operatingSystemFamily: OperatingSystemFamily.LINUX,
      },
    });
    const logging = new AwsLogDriver({
      streamPrefix: 'registry',
      logGroup: new LogGroup(this, 'Logs', { retention: logRetention, removalPolicy: RemovalPolicy.DESTROY }),
    });
    const taskSecurityGroup = new SecurityGroup(this, 'TaskSecurityGroup', {
      vpc: props.vpc,
      description: 'Schema registry tasks',
      allowAllOutbound: true,
    });

    if (this.engine === RegistryEngines.eventline) {
      const table = this.serviceTable('IdTable', removalPolicy);
      this.idTable = table;
      table.grantReadWriteData(taskDefinition.taskRole);
      const dekTable = this.serviceTable('DekTable', removalPolicy);
      this.dekTable = dekTable;
      // Exactly what registry/dek/dek-store.ts calls: no scans, no batch or partial updates.
      dekTable.grant(
        taskDefinition.taskRole,
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:DeleteItem',
        'dynamodb:Query',
      );
      props.glueRegistry.grantReadWrite(taskDefinition.taskRole);
      const principals = new RegistryPrincipals(this, 'Principals', {
        writerSubjectPrefixes: props.writerSubjectPrefixes ?? [''],
        removalPolicy,
      });
      this.principals = principals;
      const principalSecrets = [this.credentials, ...principals.all];
      for (const secret of principalSecrets) secret.grantRead(taskDefinition.taskRole);
      this.auditLogs = new LogGroup(this, 'AuditLogs', {
        retention: props.auditLogRetention ?? RetentionDays.ONE_YEAR,
        removalPolicy,
      });
      this.auditLogs.grantWrite(taskDefinition.taskRole);
      taskDefinition.addContainer('registry', {
        // The build context holds only the esbuild bundle and its Dockerfile (registry/image/).
        image: ContainerImage.fromAsset(registryImageContext(), {
          platform: Platform.LINUX_AMD64,
        }),
        portMappings: [{ containerPort: registryContainerPort }],
        logging,
        environment: {
          [EnvNames.glueRegistryName]: props.glueRegistry.registryName,
          [EnvNames.registryTableName]: table.tableName,
          [EnvNames.dekTableName]: dekTable.tableName,
          [EnvNames.registryPort]: String(registryContainerPort),
          [EnvNames.registryPrincipalSecretArns]: Stack.of(this).toJsonString(
            principalSecrets.map((secret) => secret.secretArn),
          ),
          [EnvNames.registryAuditLogGroup]: this.auditLogs.logGroupName,
        },
      });
    } else {
      this.addConfluentContainer(taskDefinition, taskSecurityGroup, logging, props, removalPolicy);
    }

    const domain = props.domain;
    this.node.addValidation({
      validate: () => [
        ...(domain ? domainProblems(domain) : []),
        ...(domain || props.allowHttp
          ? []
          : [
              'the registry sends basic-auth passwords over plain HTTP: set registry.domain (HTTPS on a name in a private hosted zone) or, for a sandbox, registry.allowHttp: true',
            ]),
      ],
    });
    const https =
      domain && domainProblems(domain).length === 0 ? registryHttps(this, props.vpc, domain) : undefined;
    this.service = new ApplicationLoadBalancedFargateService(this, 'Service', {
      cluster,
      taskDefinition,
      publicLoadBalancer: false,
      openListener: false,
      taskSubnets: props.subnets,
      securityGroups: [taskSecurityGroup],
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      circuitBreaker: { rollback: true },
      ...(https ? { ...https, protocol: ApplicationProtocol.HTTPS, redirectHTTP: false } : {}),
    });
    // Application Auto Scaling owns the task count: a DesiredCount in the template would reset
    // it to that number on every deploy. Without one, CloudFormation starts one task and keeps
    // the current count on updates; the scalable target's minimum raises it at once.
    (this.service.service.node.defaultChild as CfnService).addPropertyDeletionOverride('DesiredCount');
    const listenerPort = https ? 443 : 80;
    this.service.loadBalancer.connections.allowFrom(
      Peer.ipv4(props.vpc.vpcCidrBlock),
      Port.tcp(listenerPort),
      'Registry clients inside the VPC',
    );
    // Liveness, not readiness: /ready depends on Glue and DynamoDB, and a Glue brownout would
    // make ECS replace every healthy task at once. The Confluent image answers 401 to an
    // unauthenticated probe, which proves as much about the process as a 200.
    this.service.targetGroup.configureHealthCheck({
      path: this.engine === RegistryEngines.eventline ? '/health' : '/',
      healthyHttpCodes: this.engine === RegistryEngines.eventline ? '200' : '200,401',
      interval: Duration.seconds(15),
      healthyThresholdCount: 2,
      unhealthyThresholdCount: 3,
    });
    this.service.targetGroup.setAttribute('deregistration_delay.timeout_seconds', '30');
    const scaling = this.service.service.autoScaleTaskCount({
      minCapacity: this.minTasks,
      maxCapacity: props.maxTasks ?? 4,
    });
    scaling.scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 60 });
    scaling.scaleOnRequestCount('Requests', {
      requestsPerTarget: 1000,
      targetGroup: this.service.targetGroup,
    });
    this.enableAccessLogs(removalPolicy);
    this.url = https
      ? `https://${https.domainName}`
      : `http://${this.service.loadBalancer.loadBalancerDnsName}`;

    const executionPolicy = taskDefinition.executionRole?.node.tryFindChild('DefaultPolicy');
    if (executionPolicy) {
      acknowledge(executionPolicy, {
        'AwsSolutions-IAM5[Resource::*]':
          'ecr:GetAuthorizationToken, added by ECS for the image pull, supports no resource scoping',
      });
    }
    acknowledge(this.service.loadBalancer, {
      'AwsSolutions-EC23':
        'Ingress is limited to the VPC CIDR (a token cdk-nag cannot resolve); the load balancer is internal',
    });
    acknowledge(taskDefinition, {
      'AwsSolutions-ECS2':
        'Only non-secret settings (names, port, secret ARN) are plain environment variables; credentials come from Secrets Manager',
    });
  }

  /**
   * Functions use the registry service's Confluent API as the principal of their role, and may
   * read that principal's secret only (the stock Confluent image has its one user).
   */
  bind(fn: EventlineFunction, role: RegistryClientRole): void {
    const secret = this.principals?.secretFor(role) ?? this.credentials;
    fn.bindEnv(EnvNames.registryKind, 'confluent')
      .bindEnv(EnvNames.registryUrl, this.url)
      .bindEnv(EnvNames.registryCredentialsSecretArn, secret.secretArn);
    secret.grantRead(fn);
  }

  /**
   * Lets a function read DEKs from the service's DEK registry when its schemas are elsewhere (Glue
   * direct): the URL in EVENTLINE_DEK_REGISTRY_URL and the reader principal's secret.
   */
  bindDekRegistry(fn: EventlineFunction): void {
    const secret = this.principals?.secretFor(RegistryClientRoles.reader) ?? this.credentials;
    fn.bindEnv(EnvNames.dekRegistryUrl, this.url).bindEnv(
      EnvNames.registryCredentialsSecretArn,
      secret.secretArn,
    );
    secret.grantRead(fn);
  }

  /** One of the service's tables: its keys from the service's own definition, recoverable, protected when retained. */
  private serviceTable(id: string, removalPolicy: RemovalPolicy): TableV2 {
    return new TableV2(this, id, {
      ...keysFromDefinition(serviceTableDefinition(id)),
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: removalPolicy === RemovalPolicy.RETAIN,
      removalPolicy,
    });
  }

  private enableAccessLogs(removalPolicy: RemovalPolicy): void {
    // ALB access logs support SSE-S3 only, so this bucket cannot use a customer key.
    const bucket = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy,
      autoDeleteObjects: removalPolicy === RemovalPolicy.DESTROY,
    });
    acknowledge(bucket, {
      'AwsSolutions-S1':
        'This bucket holds the load balancer access logs; logging access to the log bucket itself would recurse',
    });
    this.service.loadBalancer.logAccessLogs(bucket, 'registry-alb');
  }

  private addConfluentContainer(
    taskDefinition: FargateTaskDefinition,
    taskSecurityGroup: SecurityGroup,
    logging: AwsLogDriver,
    props: RegistryServiceProps,
    removalPolicy: RemovalPolicy,
  ): void {
    const kafka = props.cluster;
    if (!kafka)
      throw new Error('RegistryService: the confluent engine needs `cluster` (MSK with SASL/SCRAM)');
    // MSK only accepts SCRAM secrets named AmazonMSK_* and encrypted with a customer managed key.
    const key = new Key(this, 'ScramKey', {
      enableKeyRotation: true,
      description: 'MSK SASL/SCRAM credentials of the Confluent schema registry',
      removalPolicy,
    });
    const scram = new Secret(this, 'ScramCredentials', {
      // Unique per deployment: a secret scheduled for deletion (or retained) keeps its name.
      secretName: perDeploymentName(`AmazonMSK_${Stack.of(this).stackName}-registry`),
      encryptionKey: key,
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ username: 'schema-registry' }),
        generateStringKey: 'password',
        excludePunctuation: true,
      },
      removalPolicy,
    });
    acknowledge(scram, {
      'AwsSolutions-SMG4':
        'MSK SCRAM credentials: rotation would need MSK re-association and a registry restart; left to the operator',
    });
    new CfnBatchScramSecret(this, 'ScramAssociation', {
      clusterArn: kafka.clusterArn,
      secretArnList: [scram.secretArn],
    });
    kafka.securityGroup.addIngressRule(
      taskSecurityGroup,
      Port.tcp(MskPorts.scram),
      'Confluent schema registry (SCRAM)',
    );
    taskDefinition.addContainer('registry', {
      image: ContainerImage.fromRegistry(props.confluentImage ?? 'confluentinc/cp-schema-registry:7.9.1'),
      portMappings: [{ containerPort: registryContainerPort }],
      logging,
      environment: {
        SCHEMA_REGISTRY_LISTENERS: `http://0.0.0.0:${registryContainerPort}`,
        SCHEMA_REGISTRY_AUTHENTICATION_METHOD: 'BASIC',
        SCHEMA_REGISTRY_AUTHENTICATION_REALM: confluentRealm,
        SCHEMA_REGISTRY_AUTHENTICATION_ROLES: 'admin',
        SCHEMA_REGISTRY_OPTS: '-Djava.security.auth.login.config=/tmp/registry-jaas.conf',
        SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS: kafka.bootstrapBrokersScram,
        SCHEMA_REGISTRY_KAFKASTORE_SECURITY_PROTOCOL: 'SASL_SSL',
        SCHEMA_REGISTRY_KAFKASTORE_SASL_MECHANISM: 'SCRAM-SHA-512',
        SCHEMA_REGISTRY_KAFKASTORE_TOPIC_REPLICATION_FACTOR: '3',
        SCHEMA_REGISTRY_SCHEMA_COMPATIBILITY_LEVEL: 'backward',
      },
      secrets: {
        SCRAM_USERNAME: EcsSecret.fromSecretsManager(scram, 'username'),
        SCRAM_PASSWORD: EcsSecret.fromSecretsManager(scram, 'password'),
        REGISTRY_USERNAME: EcsSecret.fromSecretsManager(this.credentials, 'username'),
        REGISTRY_PASSWORD: EcsSecret.fromSecretsManager(this.credentials, 'password'),
      },
      // The image reads its whole JAAS line and its advertised host from the environment, and
      // its basic-auth users from a JAAS login module's file; all depend on values known only
      // inside the running task (the generated passwords have no punctuation to escape).
      entryPoint: ['sh', '-c'],
      command: [
        `printf '%s: %s,admin\\n' "$REGISTRY_USERNAME" "$REGISTRY_PASSWORD" > /tmp/registry-users.properties ` +
          `&& printf '${confluentRealm} {\\n  org.eclipse.jetty.jaas.spi.PropertyFileLoginModule required\\n  file="/tmp/registry-users.properties";\\n};\\n' > /tmp/registry-jaas.conf ` +
          '&& export SCHEMA_REGISTRY_HOST_NAME="$(hostname -i)" ' +
          `SCHEMA_REGISTRY_KAFKASTORE_SASL_JAAS_CONFIG="org.apache.kafka.common.security.scram.ScramLoginModule required username=\\"$SCRAM_USERNAME\\" password=\\"$SCRAM_PASSWORD\\";" ` +
          '&& exec /etc/confluent/docker/run',
      ],
    });
  }
}
