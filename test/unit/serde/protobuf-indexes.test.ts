import { describe, expect, it } from 'vitest';
import { CodecTable } from '../../../functions/lib/serde/codecs/codec-table.js';
import type { ProtobufCodec } from '../../../functions/lib/serde/codecs/protobuf.js';
import { Scratch } from '../../../functions/lib/serde/scratch.js';
import { schemaFile } from './samples.js';

const nesting = schemaFile('test/fixtures/serde/schemas/nesting.proto');

function codec(): ProtobufCodec {
  return new CodecTable().codec('PROTOBUF', nesting) as ProtobufCodec;
}

function prefix(framing: 'confluent' | 'glue', message: string, value: unknown): string {
  const scratch = new Scratch(64);
  const end = codec().writer(framing, message).write(value, scratch, 0);
  return scratch.take(end).toString('hex');
}

describe('Protobuf message indexes', () => {
  it('writes the first message as the single byte 0x00 in Confluent framing', () => {
    expect(prefix('confluent', 'dev.eventline.test.Envelope', { id: 'x' }).slice(0, 2)).toBe('00');
  });

  it('writes the path down to a nested non-first message as zigzag varints', () => {
    const pb = codec();
    // protoc puts the map field's AttributesEntry first among Envelope's nested types.
    expect(pb.indexesFor(pb.messageType('dev.eventline.test.Shipment.Parcel'), 'confluent')).toEqual([1, 0]);
    expect(pb.indexesFor(pb.messageType('dev.eventline.test.Envelope.Header.Trace'), 'confluent')).toEqual([
      0, 1, 0,
    ]);
    expect(pb.indexesFor(pb.messageType('dev.eventline.test.Envelope.Body'), 'confluent')).toEqual([0, 2]);
    // count 2 -> 04, index 1 -> 02, index 0 -> 00
    expect(prefix('confluent', 'dev.eventline.test.Shipment.Parcel', { parcel_id: 'p' }).slice(0, 6)).toBe(
      '040200',
    );
  });

  it('numbers Glue messages by their place among all message types sorted by full name', () => {
    const pb = codec();
    // Audit, Envelope, Envelope.AttributesEntry, Envelope.Body, Envelope.Header,
    // Envelope.Header.Trace, Shipment, Shipment.Parcel
    const glue = (name: string) => pb.indexesFor(pb.messageType(name), 'glue');

    expect(glue('dev.eventline.test.Audit')).toEqual([0]);
    expect(glue('dev.eventline.test.Envelope')).toEqual([1]);
    expect(glue('dev.eventline.test.Envelope.Body')).toEqual([3]);
    expect(glue('dev.eventline.test.Envelope.Header.Trace')).toEqual([5]);
    expect(glue('dev.eventline.test.Shipment.Parcel')).toEqual([7]);
    expect(prefix('glue', 'dev.eventline.test.Shipment.Parcel', { parcel_id: 'p' }).slice(0, 2)).toBe('07');
  });

  it('decodes the long form 02 00 of the first message like the short form 00', () => {
    const pb = codec();
    const short = Buffer.from(prefix('confluent', 'dev.eventline.test.Envelope', { id: 'x' }), 'hex');
    const long = Buffer.concat([Buffer.from([0x02, 0x00]), short.subarray(1)]);

    const decoded = pb.readIndexed(long, 0, { framing: 'confluent' });

    expect(decoded).toEqual(pb.readIndexed(short, 0, { framing: 'confluent' }));
    expect(decoded.messageIndexes).toEqual([0]);
    expect(decoded.value).toMatchObject({ id: 'x' });
  });

  it('decodes each message of the file by its index in both framings', () => {
    const pb = codec();
    const cases = [
      ['dev.eventline.test.Audit', { actor: 'a', kind: 'DELETED' }],
      ['dev.eventline.test.Envelope.Header.Trace', { trace_id: 't', sampled_at: '9007199254740993' }],
      ['dev.eventline.test.Shipment', { shipment_id: 's', parcels: [{ parcel_id: 'p', weight_grams: 5 }] }],
      ['dev.eventline.test.Envelope', { id: 'e', attributes: { a: 'b' } }],
    ] as const;
    for (const framing of ['confluent', 'glue'] as const) {
      for (const [message, value] of cases) {
        const bytes = Buffer.from(prefix(framing, message, value), 'hex');

        expect(pb.readIndexed(bytes, 0, { framing }).value, `${framing} ${message}`).toMatchObject(value);
      }
    }
  });

  it('numbers messages the same from a base64 FileDescriptorProto as from .proto text', () => {
    const manifest = JSON.parse(
      schemaFile('test/fixtures/serde/interop/confluent-python/written/manifest.json'),
    ) as Array<{ name: string; registeredSchema: string }>;
    const serialized = manifest.find((e) => e.name === 'nested-trace')?.registeredSchema as string;
    const fromText = codec();
    const fromDescriptor = new CodecTable().codec('PROTOBUF', serialized) as ProtobufCodec;
    const names = [
      'dev.eventline.test.Audit',
      'dev.eventline.test.Envelope',
      'dev.eventline.test.Envelope.Body',
      'dev.eventline.test.Envelope.Header',
      'dev.eventline.test.Envelope.Header.Trace',
      'dev.eventline.test.Shipment',
      'dev.eventline.test.Shipment.Parcel',
    ];

    for (const name of names) {
      for (const framing of ['confluent', 'glue'] as const) {
        expect(
          fromDescriptor.indexesFor(fromDescriptor.messageType(name), framing),
          `${framing} ${name}`,
        ).toEqual(fromText.indexesFor(fromText.messageType(name), framing));
      }
    }
  });

  it('rejects an index that points at no message or at a map entry', () => {
    const pb = codec();

    expect(() => pb.readIndexed(Buffer.from([0x04, 0x00, 0x00]), 0, { framing: 'confluent' })).toThrow(
      /index \[0,0\] points at no message/,
    );
    expect(() => pb.readIndexed(Buffer.from([0x02]), 0, { framing: 'glue' })).toThrow(/points at no message/);
    expect(() => pb.readIndexed(Buffer.from([0x02, 0x0a]), 0, { framing: 'confluent' })).toThrow(
      /index \[5\] points at no message/,
    );
  });
});
