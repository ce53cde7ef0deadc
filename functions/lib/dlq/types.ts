import type { DlqReason } from './headers.js';

/** One record header as it came off the wire: the name, and the value bytes (null when the value was null). */
export type RawHeader = readonly [name: string, value: Buffer | null];

/** The record that failed, exactly as consumed. */
export interface FailedRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  /** Milliseconds since the epoch. */
  readonly timestamp: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  /** In wire order, repeats kept. */
  readonly headers: readonly RawHeader[];
}

export interface FailureDescription {
  readonly reason: DlqReason;
  readonly error: unknown;
  readonly consumerGroup: string;
  /** @default new Date() */
  readonly failedAt?: Date;
}

/** A record ready for kafkajs `send`. */
export interface DlqMessage {
  readonly topic: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Record<string, Buffer | Buffer[]>;
  /** The original record's timestamp, so retention and replay ordering keep the event's time. */
  readonly timestamp: string;
}
