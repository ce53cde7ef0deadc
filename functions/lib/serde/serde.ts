import type { RegisteredSchema, SchemaRegistryClient } from '../registry/types.js';
import type { Framing, PayloadWriter } from './codecs/codec.js';
import { CodecTable, type KnownCodec } from './codecs/codec-table.js';
import { firstMessagePath } from './codecs/protobuf.js';
import { fullName } from './codecs/protobuf-indexes.js';
import { SerdeConfigError } from './errors.js';
import { Scratch } from './scratch.js';
import { subjectName } from './subject-strategy.js';
import type {
  Compression,
  DecodedRecord,
  DecodeOptions,
  EncodeOptions,
  Serde,
  SerdeOptions,
  WireFormat,
} from './types.js';
import { confluentV0HeaderLength, confluentV0Magic, encodeConfluentV0Header } from './wire/confluent-v0.js';
import { detectFrame } from './wire/detect.js';
import type { Frame } from './wire/frame.js';
import { compressGluePayload, encodeGlueHeader, inflateGluePayload } from './wire/glue.js';

/** Everything needed to encode for one (topic, key/value, message, schema): resolved once. */
interface EncodePlan {
  readonly header: Buffer;
  readonly writer: PayloadWriter;
  readonly compress: boolean;
}

interface SchemaEntry {
  readonly schema: RegisteredSchema;
  readonly codec: KnownCodec;
}

type SchemaRef = NonNullable<EncodeOptions['schema']>;

/** A plan, or the promise of one while the registry is asked. */
type PlanSlot = EncodePlan | Promise<EncodePlan>;

interface KeyMemo {
  readonly topic: string;
  readonly isKey: boolean | undefined;
  readonly message: string | undefined;
  readonly key: string;
}

/** Plan keys per options object: a fresh string per encode costs its build and its hash. */
const planKeys = new WeakMap<EncodeOptions, KeyMemo>();

/** The topic alone for the common case, so a warm value encode builds no string. */
function planKey(options: EncodeOptions): string {
  const { topic, isKey, message } = options;
  if (!isKey && message === undefined) return topic;
  const memo = planKeys.get(options);
  // Compared, not trusted: a caller may reuse one options object for another topic.
  if (memo !== undefined && memo.topic === topic && memo.isKey === isKey && memo.message === message) {
    return memo.key;
  }
  const key = `${topic}\u0000${isKey ? 'key' : 'value'}\u0000${message ?? ''}`;
  planKeys.set(options, { topic, isKey, message, key });
  return key;
}

/**
 * The serde facade: resolves writer schema ids through the registry client once, then
 * encodes and decodes from caches (a warm batch makes no registry call and parses nothing).
 */
export class RegistrySerde implements Serde {
  private readonly codecs = new CodecTable();
  private readonly scratch = new Scratch();
  private readonly wireFormat: WireFormat;
  private readonly compression: Compression;
  /** Plans for records encoded with the subject's latest version, by plan key. */
  private readonly latestPlans = new Map<string, PlanSlot>();
  /** Plans for records encoded with a given schema object (the manifest's), by plan key. */
  private readonly schemaPlans = new WeakMap<SchemaRef, Map<string, PlanSlot>>();
  private readonly byNumber = new Map<number, SchemaEntry>();
  private readonly byUuid = new Map<string, SchemaEntry>();
  private readonly fetching = new Map<number | string, Promise<SchemaEntry>>();

  constructor(
    private readonly options: SerdeOptions,
    private readonly client: SchemaRegistryClient,
  ) {
    this.wireFormat = options.wireFormat ?? (options.registry.kind === 'glue' ? 'glue' : 'confluent');
    if (this.wireFormat === 'confluent-v1') {
      throw new SerdeConfigError('Confluent v1 (GUID) is read, never written: choose confluent or glue');
    }
    this.compression = options.compression ?? 'none';
  }

  encode(value: unknown, options: EncodeOptions): Promise<Buffer> {
    const plans = this.plansFor(options);
    const key = planKey(options);
    const plan = plans.get(key);
    // A resolved plan encodes synchronously: no await, so a warm encode costs one promise.
    if (plan !== undefined && !(plan instanceof Promise)) {
      try {
        return Promise.resolve(this.write(plan, value));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return (plan ?? this.resolvePlanOnce(plans, key, options)).then((resolved) =>
      this.write(resolved, value),
    );
  }

  encodeCached(value: unknown, options: EncodeOptions): Buffer | undefined {
    const plan = this.plansFor(options).get(planKey(options));
    return plan === undefined || plan instanceof Promise ? undefined : this.write(plan, value);
  }

  private write(plan: EncodePlan, value: unknown): Buffer {
    const scratch = this.scratch;
    const header = plan.header;
    const headerLength = header.length;
    scratch.ensure(headerLength, 0);
    // A byte loop beats Buffer#copy's native call for a 5- or 18-byte header.
    const buf = scratch.buf;
    for (let i = 0; i < headerLength; i++) buf[i] = header[i] as number;
    const end = plan.writer.write(value, scratch, headerLength);
    if (!plan.compress) return scratch.take(end);
    const compressed = compressGluePayload(scratch.buf.subarray(headerLength, end));
    const out = Buffer.allocUnsafe(headerLength + compressed.length);
    header.copy(out, 0);
    compressed.copy(out, headerLength);
    return out;
  }

  async decode<T = unknown>(bytes: Buffer, options?: DecodeOptions): Promise<DecodedRecord<T>> {
    const frame = detectFrame(bytes, options?.headers, options?.isKey ?? false);
    const entry = this.cachedEntry(frame.schemaId) ?? (await this.fetchSchema(frame.schemaId));
    return this.decodeFrame<T>(bytes, frame, entry, options);
  }

  decodeCached<T = unknown>(bytes: Buffer, options?: DecodeOptions): DecodedRecord<T> | undefined {
    // The steady state of a Confluent consumer: v0 framing, a cached writer schema (Avro without a
    // reader schema, Protobuf's first message, or JSON Schema) and no schema-id headers. Read straight
    // through, without a Frame in between.
    if (
      bytes[0] === confluentV0Magic &&
      bytes.length >= confluentV0HeaderLength &&
      options?.headers === undefined
    ) {
      const schemaId = bytes.readInt32BE(1);
      const codec = this.byNumber.get(schemaId)?.codec;
      if (codec?.type === 'AVRO' && options?.readerSchema === undefined) {
        const value = codec.read(bytes, confluentV0HeaderLength) as T;
        return { value, format: 'confluent', schemaId, schemaType: 'AVRO', compression: 'none' };
      }
      // As in decodeFrame, a Protobuf record is read with its writer schema whatever readerSchema says.
      if (codec?.type === 'PROTOBUF' && bytes[confluentV0HeaderLength] === 0) {
        const value = codec.readFirst(bytes, confluentV0HeaderLength + 1) as T;
        return {
          value,
          format: 'confluent',
          schemaId,
          schemaType: 'PROTOBUF',
          compression: 'none',
          messageIndexes: firstMessagePath,
        };
      }
      if (codec?.type === 'JSON') {
        const value = codec.readJson(
          bytes,
          confluentV0HeaderLength,
          options?.validate ?? false,
          options?.bigIntegers ?? 'refuse',
        ) as T;
        return { value, format: 'confluent', schemaId, schemaType: 'JSON', compression: 'none' };
      }
    }
    const frame = detectFrame(bytes, options?.headers, options?.isKey ?? false);
    const entry = this.cachedEntry(frame.schemaId);
    return entry === undefined ? undefined : this.decodeFrame<T>(bytes, frame, entry, options);
  }

  writerSchema(schemaId: number | string): RegisteredSchema | undefined {
    return this.cachedEntry(typeof schemaId === 'string' ? schemaId.toLowerCase() : schemaId)?.schema;
  }

  private cachedEntry(id: number | string): SchemaEntry | undefined {
    return typeof id === 'number' ? this.byNumber.get(id) : this.byUuid.get(id);
  }

  private decodeFrame<T>(
    bytes: Buffer,
    frame: Frame,
    entry: SchemaEntry,
    options: DecodeOptions | undefined,
  ): DecodedRecord<T> {
    let payload = bytes;
    let offset = frame.payloadOffset;
    if (frame.compression === 'zlib') {
      payload = inflateGluePayload(bytes, offset);
      offset = 0;
    }
    const codec = entry.codec;
    const framing: Framing = frame.format === 'glue' ? 'glue' : 'confluent';
    let value: unknown;
    let messageIndexes: readonly number[] | undefined;
    if (codec.type === 'AVRO') {
      value =
        options?.readerSchema === undefined
          ? codec.read(payload, offset)
          : codec.readAs(payload, offset, this.codecs.avroReader(options.readerSchema));
    } else if (codec.type === 'PROTOBUF') {
      const decoded = codec.readIndexed(payload, offset, { framing, headerIndexes: frame.headerIndexes });
      value = decoded.value;
      messageIndexes = decoded.messageIndexes;
    } else {
      value = codec.read(payload, offset, {
        framing,
        validate: options?.validate ?? false,
        bigIntegers: options?.bigIntegers ?? 'refuse',
      });
    }
    // One object either way: a spread to add messageIndexes would build a second.
    return messageIndexes === undefined
      ? {
          value: value as T,
          format: frame.format,
          schemaId: frame.schemaId,
          schemaType: entry.schema.type,
          compression: frame.compression,
        }
      : {
          value: value as T,
          format: frame.format,
          schemaId: frame.schemaId,
          schemaType: entry.schema.type,
          compression: frame.compression,
          messageIndexes,
        };
  }

  private plansFor(options: EncodeOptions): Map<string, PlanSlot> {
    if (options.schema === undefined) return this.latestPlans;
    let plans = this.schemaPlans.get(options.schema);
    if (plans === undefined) {
      plans = new Map();
      this.schemaPlans.set(options.schema, plans);
    }
    return plans;
  }

  /** One resolution per plan key, however many encodes wait for it; failures are not cached. */
  private resolvePlanOnce(
    plans: Map<string, PlanSlot>,
    key: string,
    options: EncodeOptions,
  ): Promise<EncodePlan> {
    const pending = this.resolvePlan(options).then(
      (plan) => {
        plans.set(key, plan);
        return plan;
      },
      (error: unknown) => {
        plans.delete(key);
        throw error;
      },
    );
    plans.set(key, pending);
    return pending;
  }

  private async resolvePlan(options: EncodeOptions): Promise<EncodePlan> {
    const strategy = this.options.subjectStrategy ?? 'TopicName';
    const isKey = options.isKey ?? false;
    let registered: RegisteredSchema;
    if (options.schema !== undefined) {
      const local = this.codecs.codec(options.schema.type, options.schema.definition);
      const subject = subjectName(strategy, options.topic, isKey, recordName(local, options.message));
      registered = this.options.autoRegister
        ? await this.client.register(subject, options.schema)
        : await this.client.lookup(subject, options.schema);
    } else {
      if (strategy !== 'TopicName') {
        throw new SerdeConfigError(
          `subject strategy ${strategy} needs EncodeOptions.schema to name the record`,
        );
      }
      registered = await this.client.getLatest(subjectName(strategy, options.topic, isKey));
    }
    const entry = this.remember(registered);
    const framing: Framing = this.wireFormat === 'glue' ? 'glue' : 'confluent';
    const writer = entry.codec.writer(framing, options.message);
    if (framing === 'glue') {
      if (typeof registered.id !== 'string') {
        throw new SerdeConfigError(
          `Glue framing needs a schema-version UUID, the registry gave id ${registered.id}`,
        );
      }
      return {
        header: encodeGlueHeader(registered.id, this.compression),
        writer,
        compress: this.compression === 'zlib',
      };
    }
    if (typeof registered.id !== 'number') {
      throw new SerdeConfigError(
        `Confluent framing needs an int schema id, the registry gave ${registered.id}`,
      );
    }
    return { header: encodeConfluentV0Header(registered.id), writer, compress: false };
  }

  private remember(schema: RegisteredSchema): SchemaEntry {
    const entry: SchemaEntry = { schema, codec: this.codecs.codec(schema.type, schema.definition) };
    if (typeof schema.id === 'number') this.byNumber.set(schema.id, entry);
    else this.byUuid.set(schema.id.toLowerCase(), entry);
    return entry;
  }

  /** One registry call per unknown id, however many records ask for it at once. */
  private fetchSchema(id: number | string): Promise<SchemaEntry> {
    let pending = this.fetching.get(id);
    if (pending === undefined) {
      pending = this.client
        .getById(id)
        .then((schema) => this.remember({ ...schema, id }))
        .finally(() => this.fetching.delete(id));
      this.fetching.set(id, pending);
    }
    return pending;
  }
}

function recordName(codec: KnownCodec, message?: string): string | undefined {
  if (codec.type === 'AVRO') return codec.avroType.name;
  if (codec.type === 'PROTOBUF') return fullName(codec.messageType(message));
  return undefined;
}
