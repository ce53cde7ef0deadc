import type { SourceRecord } from '../triggers/index.js';

/**
 * The Kafka header a run puts on every record it writes (through the outbox, and its poison
 * records): the prefix of the local pipeline it belongs to. Runs under other prefixes share
 * the local topics; their consumers skip these records, so a poison record reaches each DLQ once
 * per consumer group of its own pipeline, not once per group of every run.
 */
export const runPrefixHeader = 'eventline-local-prefix';

/** A run's id: every order id (the Kafka key of its events) starts with it and a dash. */
export function newRunId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}`;
}

/** A record keyed by one of this run's orders (its events, its poison records, their DLQ copies). */
export function ofRun(runId: string, key: string | undefined | null): boolean {
  return key?.startsWith(`${runId}-`) === true;
}

/**
 * What a consumer of the pipeline under `prefix` accepts: records of this prefix's runs (an
 * earlier run's leftovers too, since a restart continues where it stopped) and records of no run
 * (`eventline produce`, other tools); never another pipeline's.
 */
export function acceptsRecordsOf(prefix: string): (record: SourceRecord) => boolean {
  return ({ message }) => {
    const owner = message.headers?.[runPrefixHeader];
    return owner === undefined || String(owner) === prefix;
  };
}
