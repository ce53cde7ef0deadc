import type { SchemaType } from '../../schema/index.js';
import type { Scratch } from '../scratch.js';
import type { BigIntegers } from '../types.js';

/** How the payload is framed: Protobuf message indexes differ between Confluent and Glue. */
export type Framing = 'confluent' | 'glue';

/** Writes one schema's payloads (for Protobuf: one message type's, with its index prefix). */
export interface PayloadWriter {
  /** Writes the payload at `pos` in the scratch buffer; returns the offset after it. */
  write(value: unknown, scratch: Scratch, pos: number): number;
}

export interface DecodeContext {
  readonly framing: Framing;
  /** Confluent header ids: where the Protobuf message indexes sit instead of the payload. */
  readonly headerIndexes?: Buffer;
  readonly validate?: boolean;
  /** JSON Schema: integers beyond ±(2^53 − 1). @default 'refuse' */
  readonly bigIntegers?: BigIntegers;
}

/** A decoded payload; messageIndexes only for Protobuf. */
export interface DecodedPayload {
  readonly value: unknown;
  readonly messageIndexes?: readonly number[];
}

/** One parsed schema: makes writers and decodes payloads. */
export interface SchemaCodec {
  readonly type: SchemaType;
  writer(framing: Framing, message?: string): PayloadWriter;
  /** Decodes bytes [offset, end of buffer). */
  read(bytes: Buffer, offset: number, context: DecodeContext): unknown;
}
