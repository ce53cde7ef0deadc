import type { FaultsApp } from './app.js';

/**
 * Everything a relay or consumer process of one run needs, as plain JSON: the test hands it
 * to child processes on the command line, so a killed process can be started again as it was.
 */
export interface PipelineConfig {
  readonly runId: string;
  /** The synthesized app whose staged bundles the roles run. */
  readonly app: FaultsApp;
  readonly schemasDir: string;
  readonly topic: string;
  readonly dlqTopic: string;
  readonly outboxTable: string;
  readonly streamArn: string;
  readonly idempotencyTable: string;
  readonly ledgerTable: string;
  readonly brokers: readonly string[];
  readonly registryUrl: string;
  /** The relay's failure queue (SQS on moto): records it could never deliver, as in AWS. */
  readonly failureQueueUrl: string;
  /** The topic's `max.message.bytes` when the run set one; the relay is given the same limit. */
  readonly maxMessageBytes?: number;
}

/** How a run's topic is made. */
export interface RunOptions {
  /** The topic's `max.message.bytes` (a small one makes oversized records cheap to write). */
  readonly maxMessageBytes?: number;
}

/** How one relay or consumer instance runs, and the faults it carries inside. */
export interface RoleOptions {
  /** The relay's Kafka brokers: this local port (a KafkaProxy, which keeps every connection behind it). */
  readonly brokerProxyPort?: number;
  /** The consumer's Kafka brokers, which only its DLQ producer uses: a proxy makes a DLQ that cannot be written. */
  readonly dlqProxyPort?: number;
  /** The consumer's DynamoDB endpoint (idempotency store and ledger): this local port. */
  readonly dynamodbProxyPort?: number;
  /** The registry's base URL for this instance (a proxy in front of Apicurio for registry faults). */
  readonly registryUrl?: string;
  /** The Kafka consumer group of the trigger (two groups on one topic replay every record). */
  readonly groupId?: string;
  /** Leave out the idempotency store: the deliberately broken consumer. */
  readonly withoutIdempotency?: boolean;
  /** Share of the consumer's DynamoDB calls answered ProvisionedThroughputExceededException on every attempt. */
  readonly throttleRate?: number;
  /** Share of records whose first handler run outlasts the invocation timeout. */
  readonly slowRate?: number;
  /** Per-invocation timeout of the trigger. @default 10_000 */
  readonly timeoutMs?: number;
}

export const Roles = { relay: 'relay', consumer: 'consumer' } as const;
export type Role = (typeof Roles)[keyof typeof Roles];

/** Header carrying an event's position among its aggregate's events, set at outbox write. */
export const SEQ_HEADER = 'fault-seq';
/** The consumer's one side effect, as the ledger names it. */
export const EFFECT = 'ledger';
