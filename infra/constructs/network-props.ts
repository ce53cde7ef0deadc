import type { RemovalPolicy } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { VpcConfig } from '../config/environment.js';

export interface NetworkProps {
  /** New VPC shape, or an existing VPC by ids. */
  readonly config: VpcConfig;
  /** Flow log retention. @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** Flow log group removal. @default RemovalPolicy.DESTROY */
  readonly removalPolicy?: RemovalPolicy;
}
