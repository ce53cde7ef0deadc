import type { ISecurityGroup, IVpc, SubnetSelection } from 'aws-cdk-lib/aws-ec2';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { AclSpec, TopicSpec } from '../../functions/topics-provisioner/types.js';
import type { MskCluster } from './msk-cluster.js';

export interface KafkaTopicsProps {
  readonly cluster: MskCluster;
  /** Every topic to exist, DLQs included (see topicSpecsFromManifest). */
  readonly topics: readonly TopicSpec[];
  /** Topics deleted on purpose (DLQs included); only these may be deleted, and only while empty. @default [] */
  readonly retiredTopics?: readonly string[];
  /** Kafka ACLs of SASL/SCRAM users, created by the same handler (IAM clients never need any). @default [] */
  readonly acls?: readonly AclSpec[];
  readonly vpc: IVpc;
  readonly vpcSubnets: SubnetSelection;
  /** @default - the cluster's client security group */
  readonly securityGroups?: readonly ISecurityGroup[];
  /** Log retention of the provisioner and its Provider framework function. @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
}
