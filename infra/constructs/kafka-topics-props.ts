import type { ISecurityGroup, IVpc, SubnetSelection } from 'aws-cdk-lib/aws-ec2';
import type { TopicSpec } from '../../functions/topics-provisioner/types.js';
import type { MskCluster } from './msk-cluster.js';

export interface KafkaTopicsProps {
  readonly cluster: MskCluster;
  /** Every topic to exist, DLQs included (see topicSpecsFromManifest). */
  readonly topics: readonly TopicSpec[];
  readonly vpc: IVpc;
  readonly vpcSubnets: SubnetSelection;
  /** @default - the cluster's client security group */
  readonly securityGroups?: readonly ISecurityGroup[];
}
