import type { Compression, WireFormat } from '../types.js';

/** What a wire format's header says about the record, and where its payload starts. */
export interface Frame {
  readonly format: WireFormat | 'confluent-header';
  readonly schemaId: number | string;
  readonly compression: Compression;
  /** Offset of the payload in the record bytes (after the framing header). */
  readonly payloadOffset: number;
  /**
   * Confluent header ids: the header bytes after the id, where a Protobuf message-index
   * array sits (the payload itself then carries none).
   */
  readonly headerIndexes?: Buffer;
}
