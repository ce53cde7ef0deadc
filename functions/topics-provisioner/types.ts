/** One topic as the manifest wants it. */
export interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
  /** -1 lets the broker choose (MSK Serverless fixes replication itself). */
  readonly replicationFactor: number;
  readonly config: Readonly<Record<string, string>>;
}

/** One topic as the cluster has it. */
export interface TopicState {
  readonly name: string;
  readonly partitions: number;
  readonly config: Readonly<Record<string, string>>;
  /** True when any partition's high watermark is above its low watermark. */
  readonly hasRecords: boolean;
}

/** What to do to move the cluster from its state to the spec. */
export interface TopicPlan {
  readonly create: readonly TopicSpec[];
  readonly addPartitions: readonly { readonly name: string; readonly count: number }[];
  readonly alterConfig: readonly {
    readonly name: string;
    readonly config: Readonly<Record<string, string>>;
  }[];
  readonly remove: readonly string[];
  /** Changes that are refused, each with the reason; a non-empty list means nothing is applied. */
  readonly refusals: readonly string[];
}

/** Kafka ACL operations the provisioner grants (a subset of Kafka's; all ALLOW, from any host). */
export const AclOperations = {
  read: 'Read',
  write: 'Write',
  create: 'Create',
  describe: 'Describe',
  describeConfigs: 'DescribeConfigs',
} as const;
export type AclOperation = (typeof AclOperations)[keyof typeof AclOperations];

/** Kafka ACLs for one principal on one resource (or resource name prefix). */
export interface AclSpec {
  /** `User:<name>`, as Kafka spells a SASL/SCRAM principal. */
  readonly principal: string;
  readonly resourceType: 'topic' | 'group';
  readonly resourceName: string;
  readonly patternType: 'literal' | 'prefixed';
  readonly operations: readonly AclOperation[];
}
