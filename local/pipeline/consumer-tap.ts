import type { MSKEvent } from 'aws-lambda';
import { EnvelopeHeaders } from '../../functions/lib/envelope/index.js';
import type { LambdaHandler } from '../triggers/index.js';
import { ofRun } from './run-identity.js';
import type { PipelineStats } from './stats.js';

/**
 * Wraps a consumer function so the pipeline sees what it consumed: every record of this run in a
 * successful invocation before its partition's reported failure counts as consumed (an earlier
 * run's leftovers, which a restart on the same prefix goes on with, do not), with its end-to-end
 * latency (the envelope's occurred-at is minted at the outbox write) and the part of it spent
 * before Kafka (the record's timestamp is the relay's produce time).
 */
export function tapConsumer(
  functionName: string,
  handler: LambdaHandler<MSKEvent>,
  stats: PipelineStats,
  options: { readonly runId: string; readonly measureLatency: boolean },
): LambdaHandler<MSKEvent> {
  return async (event, context) => {
    const response = await handler(event, context);
    const now = Date.now();
    const failedFrom = new Map<string, number>();
    const failures = (
      response as { batchItemFailures?: { itemIdentifier?: { partition?: string; offset?: number } }[] }
    )?.batchItemFailures;
    for (const f of failures ?? []) {
      if (f.itemIdentifier?.partition !== undefined)
        failedFrom.set(f.itemIdentifier.partition, Number(f.itemIdentifier.offset));
    }
    for (const [partitionKey, records] of Object.entries(event.records)) {
      const stop = failedFrom.get(partitionKey) ?? Number.POSITIVE_INFINITY;
      for (const record of records) {
        if (record.offset >= stop) break;
        if (!ofRun(options.runId, record.key && Buffer.from(record.key, 'base64').toString())) continue;
        const header = (name: string) => {
          const entry = record.headers.find((h) => h[name] !== undefined)?.[name];
          return entry ? Buffer.from(entry).toString() : undefined;
        };
        if (header(EnvelopeHeaders.source) === 'poison-injector') continue;
        const eventId = header(EnvelopeHeaders.eventId);
        if (eventId) stats.delivered(functionName, eventId);
        const occurredAt = header(EnvelopeHeaders.occurredAt);
        if (options.measureLatency && occurredAt && eventId) {
          const writtenAt = Date.parse(occurredAt);
          stats.latency({
            eventId,
            writtenAt,
            ms: now - writtenAt,
            relayMs: Number(record.timestamp) - writtenAt,
          });
        }
      }
    }
    return response;
  };
}
