import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { XRayClient } from '@aws-sdk/client-xray';
import type { Kafka } from 'kafkajs';
import { spanContextOf } from '../../functions/lib/tracing/index.js';
import { claimsByKey } from './claims.js';
import { type OutboxLookupOptions, outboxLookups } from './outbox-lookups.js';
import type { StackTraceSources } from './stack-sources.js';
import { eventRecords } from './topic-scan.js';
import type { TraceLookups } from './types.js';
import { spansFromXRay } from './xray-spans.js';

/** The clients of a deployed stack's journey sources. */
export interface AwsTraceClients {
  readonly dynamodb: DynamoDBClient;
  readonly xray: XRayClient;
  /** A client of the stack's MSK cluster (IAM auth), or of the brokers given instead. */
  readonly kafka: Kafka;
}

/**
 * The journey's sources in AWS: the same outbox lookups as locally, each group's claim by key,
 * the topics through the cluster's brokers, and the spans of the event's trace from X-Ray.
 * X-Ray rather than CloudWatch Logs Insights: the ADOT layer exports the spans there with their
 * parent ids, and one BatchGetTraces call returns the whole trace (every hop and every follow-up
 * event continue it), where a Logs Insights query runs asynchronously over every function's log
 * group, is billed per GB scanned, and would find spans only if the functions logged them.
 * The trace is the one the event's `traceparent` (its outbox item) names, so it is read first.
 */
export async function awsLookups(
  eventId: string,
  sources: StackTraceSources,
  clients: AwsTraceClients,
  options: OutboxLookupOptions = {},
): Promise<TraceLookups> {
  const outbox = outboxLookups(clients.dynamodb, sources.outboxTable, options);
  const root = await outbox.outboxItem(eventId);
  const traceId = spanContextOf(root?.traceparent)?.traceId;
  const spans = traceId ? await spansFromXRay(clients.xray, traceId) : [];
  return {
    spans,
    ...outbox,
    outboxItem: (id) => (id === eventId ? Promise.resolve(root) : outbox.outboxItem(id)),
    claims: (id) => claimsByKey(clients.dynamodb, sources.claimTables, id),
    records: eventRecords(clients.kafka),
    notFound: {
      where: `the outbox table ${sources.outboxTable} of ${sources.source}`,
      hint: 'check --stack and --region, and that the event is younger than the outbox TTL (seven days by default)',
    },
  };
}
