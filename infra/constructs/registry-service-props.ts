import type { RemovalPolicy } from 'aws-cdk-lib';
import type { IVpc, SubnetSelection } from 'aws-cdk-lib/aws-ec2';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { RegistryEngine } from '../config/environment.js';
import type { GlueRegistry } from './glue-registry.js';
import type { MskCluster } from './msk-cluster.js';
import type { RegistryDomain } from './registry-domain.js';

export interface RegistryServiceProps {
  readonly vpc: IVpc;
  readonly subnets: SubnetSelection;
  /** Where the `eventline` engine keeps schemas. */
  readonly glueRegistry: GlueRegistry;
  /** @default 'eventline' */
  readonly engine?: RegistryEngine;
  /** Stock image (`confluent` engine). @default confluentinc/cp-schema-registry:7.9.1 */
  readonly confluentImage?: string;
  /** The cluster the `confluent` engine stores its schemas in, over SASL/SCRAM; it must have `scram: true`. */
  readonly cluster?: MskCluster;
  /** @default 2 */
  readonly minTasks?: number;
  /** @default 4 */
  readonly maxTasks?: number;
  /** @default 512 */
  readonly cpu?: number;
  /** @default 1024 */
  readonly memoryMiB?: number;
  /** HTTPS on a name in a private hosted zone. @default - none: HTTP on the load balancer's own name */
  readonly domain?: RegistryDomain;
  /** Accept basic auth over plain HTTP when no `domain` is set (sandboxes). @default false: synth refuses */
  readonly allowHttp?: boolean;
  /** The admin principal's user name; its generated password is kept in Secrets Manager. @default 'eventline' */
  readonly user?: string;
  /** Subjects the writer principals (relay, CI) may change (`eventline` engine). @default [''] (every subject) */
  readonly writerSubjectPrefixes?: readonly string[];
  /** How long the audit trail is kept (`eventline` engine). @default RetentionDays.ONE_YEAR */
  readonly auditLogRetention?: RetentionDays;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** Id table, secrets, keys and logs. @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}
