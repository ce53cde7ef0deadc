import type { RegistryOptions } from '../registry/options.js';
import type { RegisteredSchema } from '../registry/types.js';
import type { CompatibilityLevel, SchemaType, SubjectStrategy } from '../schema/index.js';

export const WireFormats = { confluent: 'confluent', confluentV1: 'confluent-v1', glue: 'glue' } as const;
export type WireFormat = (typeof WireFormats)[keyof typeof WireFormats];

export type Compression = 'none' | 'zlib';

/** What a JSON Schema decode does with an integer beyond ±(2^53 − 1), which a number would round. */
export const BigIntegerModes = { refuse: 'refuse', bigint: 'bigint', string: 'string' } as const;
export type BigIntegers = (typeof BigIntegerModes)[keyof typeof BigIntegerModes];

/** Kafka record headers as kafkajs and the MSK event (after base64/byte decoding) give them. */
export type RecordHeaders = Readonly<Record<string, Buffer | string | undefined>>;

export interface DecodedRecord<T = unknown> {
  readonly value: T;
  readonly format: WireFormat | 'confluent-header';
  readonly schemaId: number | string;
  readonly schemaType: SchemaType;
  readonly compression: Compression;
  /** Protobuf only: the message-index path as framed on the wire. */
  readonly messageIndexes?: readonly number[];
}

export interface EncodeOptions {
  /** The topic the record goes to (the subject strategy derives the subject from it). */
  readonly topic: string;
  /** Encode a key rather than a value (subject `<topic>-key`). */
  readonly isKey?: boolean;
  /** Protobuf: fully qualified message name to encode as. */
  readonly message?: string;
  /**
   * The writer schema (e.g. from the manifest). Its id is looked up by definition (and
   * registered when autoRegister is on). Without it, the subject's latest version is used.
   */
  readonly schema?: { readonly type: SchemaType; readonly definition: string };
}

export interface DecodeOptions {
  readonly headers?: RecordHeaders;
  readonly isKey?: boolean;
  /** Decode into this schema (Avro schema resolution) instead of the writer's. */
  readonly readerSchema?: string;
  /** JSON Schema: validate on decode (default false; encode always validates). */
  readonly validate?: boolean;
  /**
   * JSON Schema: integers beyond ±(2^53 − 1) are refused with an UnsafeIntegerError, or
   * decoded exactly as `bigint` or decimal strings; never rounded. Validation, when asked,
   * sees them as numbers. @default 'refuse'
   */
  readonly bigIntegers?: BigIntegers;
}

/**
 * One entry point for producers and consumers, whichever registry holds the schemas.
 * Encode writes the configured wire format; decode accepts every format of docs/architecture.md §3.
 */
export interface Serde {
  encode(value: unknown, options: EncodeOptions): Promise<Buffer>;
  /**
   * Encodes synchronously when the writer schema for these options is already resolved (every
   * record of a warm batch after the first); undefined when the registry must be asked first,
   * then use encode(). Throws the same typed errors as encode().
   *
   * @example
   * const bytes = serde.encodeCached?.(value, options) ?? (await serde.encode(value, options));
   */
  encodeCached?(value: unknown, options: EncodeOptions): Buffer | undefined;
  decode<T = unknown>(bytes: Buffer, options?: DecodeOptions): Promise<DecodedRecord<T>>;
  /**
   * Decodes synchronously when the record's schema is already cached (every record of a warm
   * batch after the first), sparing a hot loop one await per record; undefined when the
   * registry must be asked first, then use decode(). Throws the same typed errors as decode().
   *
   * @example
   * const record = serde.decodeCached?.(bytes, options) ?? (await serde.decode(bytes, options));
   */
  decodeCached?<T = unknown>(bytes: Buffer, options?: DecodeOptions): DecodedRecord<T> | undefined;
  /**
   * The writer schema of a record this serde has decoded (or encoded), by the id the record named,
   * with the data contract (`ruleSet`, `metadata`) the registry stored with it; undefined when it
   * is not cached. No registry call: a consumer asks after decode, when the schema is cached.
   */
  writerSchema?(schemaId: number | string): RegisteredSchema | undefined;
}

export interface SerdeOptions {
  readonly registry: RegistryOptions;
  /** Wire format for encode. @default 'confluent' for a confluent registry, 'glue' for glue */
  readonly wireFormat?: WireFormat;
  /** @default 'TopicName' */
  readonly subjectStrategy?: SubjectStrategy;
  /** Register unknown schemas on encode. @default false */
  readonly autoRegister?: boolean;
  /** Glue framing: compress payloads with zlib. @default false */
  readonly compression?: Compression;
  readonly defaultCompatibility?: CompatibilityLevel;
}
