import { type MskMode, MskModes } from '../config/environment.js';

/** What MSK and Kafka decide only at deploy time, known at synth. */
export interface MskShape {
  readonly mode: MskMode;
  /** Distinct availability zones of the client subnets, as CDK resolved them. */
  readonly availabilityZones: number;
  readonly subnets: number;
  /** Provisioned only. */
  readonly brokers?: number;
  /** Replication factor of new topics (provisioned: the broker default). */
  readonly replicationFactor: number;
  readonly minInsyncReplicas: number;
}

/**
 * Rules AWS or Kafka enforce only at deploy time (a failed MSK creation after 20–40
 * minutes, or topics that cannot be created), each with the fix in its message.
 */
export function mskRules(shape: MskShape): string[] {
  const errors: string[] = [];
  const azFix =
    'name 3 zones in cdk.json vpc.availabilityZones (with "region"), or give an existing VPC with subnets in 3 AZs';
  if (shape.subnets !== shape.availabilityZones) {
    errors.push(
      `MSK needs one client subnet per availability zone; got ${shape.subnets} subnets in ${shape.availabilityZones} AZs`,
    );
  }
  if (shape.mode === MskModes.serverless) {
    if (shape.availabilityZones < 2) {
      errors.push(`MSK Serverless needs subnets in at least 2 AZs, got ${shape.availabilityZones}; ${azFix}`);
    }
    return errors;
  }
  const brokers = shape.brokers ?? 0;
  if (shape.availabilityZones < 3) {
    errors.push(
      `provisioned MSK with replication factor ${shape.replicationFactor} needs brokers in at least 3 AZs (losing one AZ must leave ${shape.minInsyncReplicas} in-sync replicas), but the VPC resolved ${shape.availabilityZones}; ${azFix}`,
    );
  }
  if (brokers % shape.availabilityZones !== 0) {
    errors.push(
      `provisioned MSK needs a broker count that is a multiple of the AZ count; ${brokers} brokers over ${shape.availabilityZones} AZs: change msk.brokersPerAz`,
    );
  }
  if (shape.replicationFactor > brokers) {
    errors.push(
      `replication factor ${shape.replicationFactor} needs at least as many brokers, got ${brokers}; raise msk.brokersPerAz`,
    );
  }
  if (shape.minInsyncReplicas >= shape.replicationFactor) {
    errors.push(
      `min.insync.replicas ${shape.minInsyncReplicas} must be below the replication factor ${shape.replicationFactor}, or one broker restart stops every acks=all producer`,
    );
  }
  return errors;
}
