import type { RecordOutcome } from '../../functions/lib/consumer/outcomes.js';

/** Where a record of an MSK event sits: what `invoke` reports each outcome against. */
export interface RecordPosition {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
}

/** The records of an MSK event in delivery order; none for another kind of event. */
export function mskRecordPositions(event: unknown): RecordPosition[] {
  const records = (event as { records?: unknown } | null)?.records;
  if (typeof records !== 'object' || records === null) return [];
  return Object.values(records as Record<string, unknown>).flatMap((list) =>
    Array.isArray(list)
      ? list
          .filter((r): r is RecordPosition => typeof r?.topic === 'string' && Number.isFinite(r?.offset))
          .map((r) => ({ topic: r.topic, partition: Number(r.partition), offset: Number(r.offset) }))
      : [],
  );
}

/** One line per record: what the consumer did with it, or that it was left for a retry. */
export function describeOutcomes(
  positions: readonly RecordPosition[],
  outcomes: readonly RecordOutcome[],
): { readonly lines: string[]; readonly allProcessed: boolean } {
  const lines: string[] = [];
  let allProcessed = true;
  const stoppedAt = new Map<string, number>();
  for (const position of positions) {
    const at = `${position.topic}[${position.partition}]@${position.offset}`;
    const outcome = outcomes.find(
      (o) => o.topic === position.topic && o.partition === position.partition && o.offset === position.offset,
    );
    const lane = `${position.topic}[${position.partition}]`;
    if (!outcome) {
      allProcessed = false;
      const failed = stoppedAt.get(lane);
      lines.push(
        failed === undefined
          ? `${at}  left for retry (the invocation ended before it)`
          : `${at}  left for retry (after offset ${failed} of its partition)`,
      );
      continue;
    }
    if (outcome.status === 'processed') lines.push(`${at}  processed`);
    else if (outcome.status === 'duplicate')
      lines.push(`${at}  duplicate skipped (an earlier delivery completed it)`);
    else if (outcome.status === 'dead-lettered') {
      allProcessed = false;
      const where = outcome.dlq
        ? `${outcome.dlq.topic} at partition ${outcome.dlq.partition}, offset ${outcome.dlq.offset}`
        : `${position.topic}.dlq`;
      lines.push(`${at}  sent to ${where}: ${outcome.reason} (${errorText(outcome)})`);
    } else {
      allProcessed = false;
      stoppedAt.set(lane, position.offset);
      lines.push(`${at}  left for retry: ${errorText(outcome)}`);
    }
  }
  return { lines, allProcessed };
}

/** Names an SDK or broker answer means "this table, queue or topic does not exist" by. */
const missingResourceErrors = new Set([
  'ResourceNotFoundException',
  'QueueDoesNotExist',
  'KafkaJSUnknownTopicOrPartition',
]);

/** True when an outcome failed because something it uses does not exist. */
export function failedOnMissingResource(outcome: RecordOutcome): boolean {
  const error = outcome.error;
  if (!error) return false;
  return (
    [error.name, ...error.causes].some((name) => missingResourceErrors.has(name)) ||
    /does not host this topic-partition|non-existent table/i.test(error.message)
  );
}

function errorText(outcome: RecordOutcome): string {
  const error = outcome.error;
  if (!error) return 'no error given';
  const firstLine = error.message.split('\n')[0] ?? '';
  return `${error.name}: ${firstLine}`;
}
