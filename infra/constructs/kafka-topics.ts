import { CustomResource, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { Role } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction, Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Provider } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { dlqTopicOf } from '../../functions/lib/dlq/headers.js';
import type { Manifest } from '../../functions/lib/manifest/index.js';
import { TopicsPropertyNames } from '../../functions/topics-provisioner/properties.js';
import type { TopicSpec } from '../../functions/topics-provisioner/types.js';
import { acknowledgeResource, nagFindingId } from '../nag.js';
import { HandlerEntries } from '../paths.js';
import { EventlineFunction } from './eventline-function.js';
import type { KafkaTopicsProps } from './kafka-topics-props.js';
import type { MskCluster } from './msk-cluster.js';

/** Each retired topic of the manifest and its `.dlq`. */
export function retiredTopicsFromManifest(manifest: Manifest): string[] {
  return (manifest.retiredTopics ?? []).flatMap((name) => [name, dlqTopicOf(name)]);
}

/** Each manifest topic and its `.dlq`, with the manifest's partitions and configs. */
export function topicSpecsFromManifest(manifest: Manifest, cluster: MskCluster): TopicSpec[] {
  return manifest.topics.flatMap((topic) =>
    [topic.name, topic.dlq].map((name) => ({
      name,
      partitions: topic.partitions,
      replicationFactor: topic.replicationFactor ?? cluster.replicationFactor,
      config: { ...topic.config },
    })),
  );
}

/**
 * Topics as code: a custom resource whose handler (in the VPC, MSK IAM auth, kafkajs
 * admin) creates the topics, grows partitions and applies configs, and refuses changes
 * that would lose records. It may describe every topic of the cluster (MSK hides topics a
 * principal cannot describe, and a topic that left the manifest must stay visible to be
 * refused) but change only the manifest's topics and delete only its retired ones.
 */
export class KafkaTopics extends Construct {
  readonly topicNames: readonly string[];
  readonly handler: EventlineFunction;

  constructor(scope: Construct, id: string, props: KafkaTopicsProps) {
    super(scope, id);
    this.topicNames = props.topics.map((topic) => topic.name);
    const retired = props.retiredTopics ?? [];
    const logRetention = props.logRetention ?? RetentionDays.ONE_MONTH;
    this.handler = new EventlineFunction(this, 'Handler', {
      entry: HandlerEntries.topicsProvisioner,
      description: 'Topics as code: creates and updates Kafka topics from the schema manifest',
      vpc: props.vpc,
      vpcSubnets: props.vpcSubnets,
      securityGroups: props.securityGroups ?? [props.cluster.clientSecurityGroup],
      timeout: Duration.minutes(5),
      logRetention,
    });
    props.cluster.grantTopicAdmin(this.handler, [...this.topicNames, ...retired]);
    props.cluster.grantDescribeAllTopics(this.handler);
    const acls = props.acls ?? [];
    if (acls.length > 0) props.cluster.grantAclAdmin(this.handler);
    const policy = this.handler.role?.node.tryFindChild('DefaultPolicy');
    if (policy) {
      acknowledgeResource(policy, {
        [nagFindingId('AwsSolutions-IAM5', 'Resource', props.cluster.topicArn('*'), this)]:
          "Describe-only on this cluster's topics: a topic that left the manifest must stay visible to be refused",
      });
    }
    const provider = new Provider(this, 'Provider', {
      onEventHandler: this.handler,
      logGroup: new LogGroup(this, 'ProviderLogs', {
        retention: logRetention,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
    });
    const resource = new CustomResource(this, 'Topics', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::EventlineKafkaTopics',
      properties: {
        [TopicsPropertyNames.brokers]: props.cluster.bootstrapBrokersIam,
        [TopicsPropertyNames.auth]: 'iam',
        [TopicsPropertyNames.topics]: JSON.stringify(props.topics),
        [TopicsPropertyNames.retiredTopics]: JSON.stringify(retired),
        [TopicsPropertyNames.acls]: JSON.stringify(acls),
      },
    });
    resource.node.addDependency(props.cluster);
    acknowledgeResource(this.handler, {
      'Serverless-LambdaDLQ':
        'Invoked synchronously by the CDK Provider framework, which reports failures to CloudFormation',
    });
    this.acknowledgeProviderFindings(provider);
  }

  /** The Provider framework function is aws-cdk-lib's; each finding is acknowledged on the one resource it concerns. */
  private acknowledgeProviderFindings(provider: Provider): void {
    const framework = provider.node.findChild('framework-onEvent') as LambdaFunction;
    const role = framework.role as Role;
    acknowledgeResource(role, {
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]':
        'aws-cdk-lib Provider framework function: the basic execution policy only lets it write its own logs',
    });
    acknowledgeResource(role.node.findChild('DefaultPolicy'), {
      [`AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.handler.node.defaultChild as CfnFunction)}.Arn>:*]`]:
        'aws-cdk-lib Provider framework may invoke any version of the topics handler',
    });
    acknowledgeResource(framework, {
      'AwsSolutions-L1': 'aws-cdk-lib Provider framework function; its runtime is chosen by aws-cdk-lib',
      'Serverless-LambdaDLQ': 'Invoked synchronously by CloudFormation, which reports failures',
      'Serverless-LambdaDefaultMemorySize':
        'aws-cdk-lib Provider framework function; it only relays to the topics handler',
      'Serverless-LambdaLatestVersion':
        'aws-cdk-lib Provider framework function; runtime managed by aws-cdk-lib',
      'Serverless-LambdaTracing':
        'aws-cdk-lib Provider framework function; the topics handler itself is traced',
    });
  }
}
