import { RemovalPolicy } from 'aws-cdk-lib';
import {
  FlowLogDestination,
  GatewayVpcEndpointAwsService,
  InterfaceVpcEndpointAwsService,
  IpAddresses,
  type IVpc,
  Peer,
  Port,
  SecurityGroup,
  type SubnetSelection,
  SubnetType,
  Vpc,
} from 'aws-cdk-lib/aws-ec2';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledgeResource } from '../nag.js';
import type { NetworkProps } from './network-props.js';

/**
 * The VPC everything runs in: private subnets in at least two AZs, flow logs, gateway
 * endpoints for DynamoDB and S3, and interface endpoints for the AWS APIs the functions
 * and tasks call, so traffic to them stays off the NAT.
 */
export class Network extends Construct {
  readonly vpc: IVpc;
  /** Where functions, tasks and brokers go. */
  readonly privateSubnets: SubnetSelection;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const { config } = props;
    if (config.existing) {
      this.vpc = Vpc.fromVpcAttributes(this, 'Vpc', {
        vpcId: config.existing.vpcId,
        vpcCidrBlock: config.existing.vpcCidrBlock,
        availabilityZones: [...config.existing.availabilityZones],
        privateSubnetIds: [...config.existing.privateSubnetIds],
      });
      this.privateSubnets = { subnets: this.vpc.privateSubnets };
      return;
    }
    const egress = config.natGateways > 0;
    const vpc = new Vpc(this, 'Vpc', {
      ipAddresses: IpAddresses.cidr('10.40.0.0/16'),
      ...(config.availabilityZones
        ? { availabilityZones: [...config.availabilityZones] }
        : { maxAzs: config.maxAzs }),
      natGateways: config.natGateways,
      subnetConfiguration: [
        ...(egress ? [{ name: 'public', subnetType: SubnetType.PUBLIC, cidrMask: 24 }] : []),
        {
          name: 'private',
          subnetType: egress ? SubnetType.PRIVATE_WITH_EGRESS : SubnetType.PRIVATE_ISOLATED,
          cidrMask: 20,
        },
      ],
      flowLogs: {
        all: {
          destination: FlowLogDestination.toCloudWatchLogs(
            new LogGroup(this, 'FlowLogs', {
              retention: props.logRetention ?? RetentionDays.ONE_MONTH,
              removalPolicy: props.removalPolicy ?? RemovalPolicy.DESTROY,
            }),
          ),
        },
      },
    });
    this.vpc = vpc;
    if (config.availabilityZones) {
      for (const subnet of [...vpc.publicSubnets, ...vpc.privateSubnets, ...vpc.isolatedSubnets]) {
        acknowledgeResource(subnet, {
          'CloudFormation-Validate::W3010':
            'AZ names come from cdk.json vpc.availabilityZones on purpose: synth needs no lookup and provisioned MSK gets 3 AZs',
        });
      }
    }
    this.privateSubnets = {
      subnetType: egress ? SubnetType.PRIVATE_WITH_EGRESS : SubnetType.PRIVATE_ISOLATED,
    };
    vpc.addGatewayEndpoint('DynamoDb', { service: GatewayVpcEndpointAwsService.DYNAMODB });
    vpc.addGatewayEndpoint('S3', { service: GatewayVpcEndpointAwsService.S3 });
    if (!config.interfaceEndpoints) return;
    const endpointSecurityGroup = new SecurityGroup(this, 'EndpointSecurityGroup', {
      vpc,
      description: 'Interface endpoints: HTTPS from inside the VPC only',
      allowAllOutbound: false,
    });
    endpointSecurityGroup.addIngressRule(Peer.ipv4(vpc.vpcCidrBlock), Port.tcp(443), 'HTTPS from the VPC');
    acknowledgeResource(endpointSecurityGroup, {
      'AwsSolutions-EC23':
        'Ingress is limited to the VPC CIDR on 443 (a token cdk-nag cannot resolve); endpoints serve the whole VPC',
    });
    const services = {
      Glue: InterfaceVpcEndpointAwsService.GLUE,
      SecretsManager: InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
      Sqs: InterfaceVpcEndpointAwsService.SQS,
      Ecr: InterfaceVpcEndpointAwsService.ECR,
      EcrDocker: InterfaceVpcEndpointAwsService.ECR_DOCKER,
      Logs: InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
      Monitoring: InterfaceVpcEndpointAwsService.CLOUDWATCH_MONITORING,
      Xray: InterfaceVpcEndpointAwsService.XRAY,
      // MSK event source mappings in subnets without NAT reach Lambda and STS through these.
      Lambda: InterfaceVpcEndpointAwsService.LAMBDA,
      Sts: InterfaceVpcEndpointAwsService.STS,
    };
    for (const [name, service] of Object.entries(services)) {
      vpc.addInterfaceEndpoint(name, {
        service,
        subnets: this.privateSubnets,
        securityGroups: [endpointSecurityGroup],
        privateDnsEnabled: true,
      });
    }
  }
}
