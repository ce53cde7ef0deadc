import protobuf from 'protobufjs';
import { addWellKnownProto } from '../../schema/well-known-protos.js';
import { MalformedRecordError, SchemaDefinitionError, SerdeValidationError } from '../errors.js';
import type { Scratch } from '../scratch.js';
import type { DecodeContext, Framing, PayloadWriter, SchemaCodec } from './codec.js';
import { type DecodePlain, plainDecoder } from './proto-decode-plain.js';
import { isSerializedDescriptor, parseSerializedDescriptor } from './proto-descriptor.js';
import { nestedDeclarationOrder } from './proto-layout.js';
import { mapEntriesAsMaps } from './proto-map-entries.js';
import { toPlain } from './proto-to-object.js';
import { checkMessage } from './protobuf-check.js';
import { fullName, MessageLayout } from './protobuf-indexes.js';
import { encoderReady } from './protobuf-ready.js';
import { readUvarint, readZigzag, uvarintBytes, zigzagBytes } from './varint.js';

export interface DecodedProtobuf {
  readonly value: unknown;
  readonly messageIndexes: readonly number[];
}

/**
 * Parses .proto text, or a base64 FileDescriptorProto as some registries hold it (one file;
 * google/protobuf and confluent/meta.proto imports resolve without references, as Confluent's do).
 */
export function parseProto(definition: string): { root: protobuf.Root; layout: MessageLayout } {
  try {
    if (isSerializedDescriptor(definition)) {
      const { root, topLevelNames, nested } = parseSerializedDescriptor(definition);
      root.resolveAll();
      const topLevel = topLevelNames.map((name) => root.lookupType(name));
      if (topLevel.length === 0) throw new Error('the file declares no message');
      return { root, layout: new MessageLayout(root, topLevel, nested) };
    }
    const parsed = protobuf.parse(definition, new protobuf.Root(), { keepCase: true });
    const root = parsed.root;
    const scope = parsed.package ? root.lookup(parsed.package) : root;
    const topLevel =
      scope instanceof protobuf.Namespace
        ? scope.nestedArray.filter((n): n is protobuf.Type => n instanceof protobuf.Type)
        : [];
    for (const file of parsed.imports ?? []) {
      if (!addWellKnownProto(root, file)) {
        throw new Error(
          `import "${file}" is not supported (only google/protobuf well-known types and confluent/meta.proto)`,
        );
      }
    }
    root.resolveAll();
    mapEntriesAsMaps(root);
    root.resolveAll();
    if (topLevel.length === 0) throw new Error('the file declares no message');
    return {
      root,
      layout: new MessageLayout(root, topLevel, nestedDeclarationOrder(definition, parsed.package)),
    };
  } catch (error) {
    throw new SchemaDefinitionError(`invalid Protobuf schema: ${(error as Error).message}`, { cause: error });
  }
}

/** Protobuf via protobufjs, with message indexes framed the Confluent or the Glue way. */
export class ProtobufCodec implements SchemaCodec {
  readonly type = 'PROTOBUF' as const;
  private readonly writers = new Map<string, PayloadWriter>();
  /** The type at Confluent path [0] and its reader, once looked up. */
  private first: { type: protobuf.Type | undefined; read: PlainReader | undefined } | undefined;
  private readonly readers = new Map<protobuf.Type, PlainReader>();
  /** One protobufjs reader for every decode: decodes run one at a time and never await. */
  private readonly reader = protobuf.Reader.create(Buffer.alloc(0));

  constructor(private readonly layout: MessageLayout) {}

  /** The message type to encode: the named one, else the file's first message (as Confluent does). */
  messageType(message?: string): protobuf.Type {
    const found =
      message === undefined
        ? this.layout.typeAtConfluentPath([0])
        : this.layout.type(message.replace(/^\./, ''));
    if (found === undefined) {
      throw new SchemaDefinitionError(
        `message "${message}" is not in the schema; it has ${this.layout.glueOrder.join(', ')}`,
      );
    }
    return found;
  }

  /** The index prefix a framing writes before a message of this type. */
  indexesFor(type: protobuf.Type, framing: Framing): number[] {
    return framing === 'glue' ? [this.layout.glueIndex(type)] : this.layout.confluentPath(type);
  }

  writer(framing: Framing, message?: string): PayloadWriter {
    const key = `${framing}:${message ?? ''}`;
    let writer = this.writers.get(key);
    if (writer === undefined) {
      writer = this.makeWriter(framing, this.messageType(message));
      this.writers.set(key, writer);
    }
    return writer;
  }

  private makeWriter(framing: Framing, type: protobuf.Type): PayloadWriter {
    const indexes = this.indexesFor(type, framing);
    let prefix: Buffer;
    if (framing === 'glue') prefix = Buffer.from(uvarintBytes(indexes[0] as number));
    // Confluent writes the common path [0] as the single byte 0x00.
    else if (indexes.length === 1 && indexes[0] === 0) prefix = Buffer.from([0]);
    else prefix = Buffer.from([...zigzagBytes(indexes.length), ...indexes.flatMap((i) => zigzagBytes(i))]);
    const ready = encoderReady(type);
    // One writer for every encode: protobufjs' writer writes straight into the scratch buffer
    // after the prefix, so a record costs no writer, no finished buffer and no copy of its own.
    const writer = protobuf.Writer.create();
    return {
      write(value: unknown, scratch: Scratch, pos: number): number {
        let message = value as Record<string, unknown>;
        // Values already in the encoder's form skip the check and fromObject's copy: same bytes.
        if (!ready(value)) {
          const problems = checkMessage(type, value);
          if (problems.length > 0) {
            throw new SerdeValidationError(`value does not match message ${fullName(type)}`, problems);
          }
          message = type.fromObject(message);
        }
        const start = pos + prefix.length;
        scratch.ensure(start, pos);
        const buf = scratch.buf;
        for (let i = 0; i < prefix.length; i++) buf[pos + i] = prefix[i] as number;
        writer.buf = buf;
        writer.pos = start;
        // A throw mid-encode may leave a fork open or a view of another buffer: start clean.
        writer.states = null;
        writer.view = null;
        type.encode(message, writer);
        // The writer grows into a new buffer when the record outgrows the scratch one; that
        // copy of [0, pos) keeps the header, so the grown buffer becomes the scratch buffer.
        if (writer.buf !== buf) scratch.buf = asBuffer(writer.buf);
        return writer.pos;
      },
    };
  }

  read(bytes: Buffer, offset: number, context: DecodeContext): unknown {
    return this.readIndexed(bytes, offset, context).value;
  }

  readIndexed(bytes: Buffer, offset: number, context: DecodeContext): DecodedProtobuf {
    let messageIndexes: readonly number[];
    let type: protobuf.Type | undefined;
    let start = offset;
    if (context.framing === 'confluent' && !context.headerIndexes && bytes[offset] === 0) {
      return { value: this.readFirst(bytes, offset + 1), messageIndexes: firstMessagePath };
    }
    if (context.framing === 'glue') {
      const read = readUvarint(bytes, offset);
      start = read.next;
      messageIndexes = [read.value];
      type = this.layout.typeAtGlueIndex(read.value);
    } else {
      const source = context.headerIndexes ?? bytes;
      const read = readIndexArray(source, context.headerIndexes ? 0 : offset);
      if (!context.headerIndexes) start = read.next;
      messageIndexes = read.indexes;
      type = this.layout.typeAtConfluentPath(messageIndexes);
    }
    const read = type && this.readerOf(type);
    return { value: this.readAs(type, read, messageIndexes, bytes, start), messageIndexes };
  }

  /** The payload at `start` as the file's first message (Confluent path [0], already read). */
  readFirst(bytes: Buffer, start: number): unknown {
    if (this.first === undefined) {
      const type = this.layout.typeAtConfluentPath(firstMessagePath);
      this.first = { type, read: type && this.readerOf(type) };
    }
    return this.readAs(this.first.type, this.first.read, firstMessagePath, bytes, start);
  }

  private readerOf(type: protobuf.Type): PlainReader {
    let read = this.readers.get(type);
    if (read === undefined) {
      read = plainReader(type);
      this.readers.set(type, read);
    }
    return read;
  }

  private readAs(
    type: protobuf.Type | undefined,
    read: PlainReader | undefined,
    messageIndexes: readonly number[],
    bytes: Buffer,
    start: number,
  ): unknown {
    if (type === undefined || read === undefined) {
      throw new MalformedRecordError(
        `Protobuf message index ${JSON.stringify(messageIndexes)} points at no message of the schema`,
      );
    }
    try {
      // Pointed at this record's payload: no reader and no subarray view to allocate. The
      // DataView protobufjs caches for long packed fields belongs to the previous record.
      const reader = this.reader;
      reader.buf = bytes;
      reader.pos = start;
      reader.len = bytes.length;
      reader.view = null;
      return read(reader, undefined, 0);
    } catch (error) {
      throw new MalformedRecordError(
        `Protobuf payload does not decode as ${fullName(type)}: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }
}

/** Reads one whole payload (a length of undefined, a depth of 0) as the serde's plain value. */
type PlainReader = DecodePlain;

/** One generated pass where the type allows it, else protobufjs' decoder and then toPlain. */
function plainReader(type: protobuf.Type): PlainReader {
  const decode = plainDecoder(type);
  if (decode !== undefined) return decode;
  const convert = toPlain(type);
  return (reader, _length, depth) =>
    convert(type.decode(reader) as unknown as Record<string, unknown>, depth);
}

/** protobufjs' Node writer grows with Buffer.allocUnsafe; any other view is wrapped without a copy. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The path [0], shared by every record that holds the file's first message. */
export const firstMessagePath: readonly number[] = Object.freeze([0]);

/** Confluent's index array: zigzag count then zigzag indexes; a count of 0 means [0]. */
function readIndexArray(bytes: Uint8Array, offset: number): { indexes: number[]; next: number } {
  if (offset >= bytes.length) throw new MalformedRecordError('Protobuf record has no message-index array');
  const count = readZigzag(bytes, offset);
  if (count.value === 0) return { indexes: [0], next: count.next };
  // A path longer than the bytes left cannot be real: reject it before looping.
  if (count.value < 0 || count.value > bytes.length - count.next) {
    throw new MalformedRecordError(`Protobuf message-index count ${count.value} is not plausible`);
  }
  const indexes: number[] = [];
  let next = count.next;
  for (let i = 0; i < count.value; i++) {
    const read = readZigzag(bytes, next);
    indexes.push(read.value);
    next = read.next;
  }
  return { indexes, next };
}
