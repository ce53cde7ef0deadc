import { NotADlqRecordError } from './errors.js';
import { DlqHeaders, type DlqReason, isDlqReason, ReplayHeaders } from './headers.js';

/** Header values as kafkajs returns them for a consumed record. */
export type ConsumedHeaders = Readonly<Record<string, Buffer | string | (Buffer | string)[] | undefined>>;

/** A record read back from `<topic>.dlq`, its DLQ headers parsed and its original headers apart. */
export interface DlqEntry {
  readonly dlqTopic: string;
  readonly partition: number;
  readonly offset: string;
  readonly reason: DlqReason;
  readonly errorClass: string;
  readonly errorMessage: string;
  readonly originalTopic: string;
  readonly originalPartition: number;
  readonly originalOffset: string;
  readonly originalTimestamp: string;
  readonly consumerGroup: string;
  readonly failedAt: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  /** The record's own headers, without the DLQ ones. */
  readonly originalHeaders: Readonly<Record<string, Buffer | Buffer[]>>;
}

export interface ConsumedDlqRecord {
  readonly dlqTopic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers?: ConsumedHeaders;
}

const dlqHeaderNames = new Set<string>(Object.values(DlqHeaders));

/** Parses a consumed DLQ record; NotADlqRecordError when a DLQ header is missing or the reason is unknown. */
export function parseDlqRecord(record: ConsumedDlqRecord): DlqEntry {
  const headers = record.headers ?? {};
  const text = (name: string) => {
    const raw = headers[name];
    const value = Array.isArray(raw) ? raw.at(-1) : raw;
    if (value === undefined) throw new NotADlqRecordError(name);
    return value.toString();
  };
  const reason = text(DlqHeaders.reason);
  if (!isDlqReason(reason)) throw new NotADlqRecordError(`${DlqHeaders.reason} from the DLQ vocabulary`);
  const originalHeaders: Record<string, Buffer | Buffer[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (dlqHeaderNames.has(name) || value === undefined) continue;
    originalHeaders[name] = Array.isArray(value) ? value.map((v) => Buffer.from(v)) : Buffer.from(value);
  }
  return {
    dlqTopic: record.dlqTopic,
    partition: record.partition,
    offset: record.offset,
    reason,
    errorClass: text(DlqHeaders.errorClass),
    errorMessage: text(DlqHeaders.errorMessage),
    originalTopic: text(DlqHeaders.originalTopic),
    originalPartition: Number(text(DlqHeaders.originalPartition)),
    originalOffset: text(DlqHeaders.originalOffset),
    originalTimestamp: text(DlqHeaders.originalTimestamp),
    consumerGroup: text(DlqHeaders.consumerGroup),
    failedAt: text(DlqHeaders.failedAt),
    key: record.key,
    value: record.value,
    originalHeaders,
  };
}

export interface ReplayMessage {
  readonly topic: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Record<string, Buffer | Buffer[]>;
}

/**
 * The record to send back to its original topic: key, value and original headers as they were,
 * plus headers marking it as a replay (where from, when), so consumers and audits can tell.
 * The event id stays, so a consumer that completed the event before still skips it.
 */
export function replayMessage(entry: DlqEntry, replayedAt: Date = new Date()): ReplayMessage {
  return {
    topic: entry.originalTopic,
    key: entry.key,
    value: entry.value,
    headers: {
      ...entry.originalHeaders,
      [ReplayHeaders.replayedFrom]: Buffer.from(`${entry.dlqTopic}/${entry.partition}/${entry.offset}`),
      [ReplayHeaders.replayedAt]: Buffer.from(replayedAt.toISOString()),
    },
  };
}
