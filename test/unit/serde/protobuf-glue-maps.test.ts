import { describe, expect, it } from 'vitest';
import { CodecTable } from '../../../functions/lib/serde/codecs/codec-table.js';
import type { ProtobufCodec } from '../../../functions/lib/serde/codecs/protobuf.js';
import { Scratch } from '../../../functions/lib/serde/scratch.js';

const mapSource = `
syntax = "proto3";
package dev.eventline.maps;
message Order {
  string id = 1;
  map<string, int64> quantities = 2;
  map<int32, Line> lines = 3;
  message Line { string sku = 1; Kind kind = 2; }
  enum Kind { KIND_UNSPECIFIED = 0; GOODS = 1; }
}
`;

/** The same schema as AWS Glue stores it: each map written as a repeated map_entry message. */
const glueSource = `
syntax = "proto3";
package dev.eventline.maps;

message Order {
  string id = 1;
  repeated .dev.eventline.maps.Order.QuantitiesEntry quantities = 2;
  repeated .dev.eventline.maps.Order.LinesEntry lines = 3;

  message QuantitiesEntry {
    option map_entry = true;
    string key = 1;
    int64 value = 2;
  }
  message LinesEntry {
    option map_entry = true;
    int32 key = 1;
    .dev.eventline.maps.Order.Line value = 2;
  }
  message Line {
    string sku = 1;
    .dev.eventline.maps.Order.Kind kind = 2;
  }
  enum Kind {
    KIND_UNSPECIFIED = 0;
    GOODS = 1;
  }
}
`;

const value = {
  id: 'o-1',
  quantities: { apples: '9007199254740993', pears: 2 },
  lines: { 7: { sku: 'sku-7', kind: 'GOODS' } },
};

function codec(source: string): ProtobufCodec {
  return new CodecTable().codec('PROTOBUF', source) as ProtobufCodec;
}

function encode(source: string, framing: 'confluent' | 'glue'): Buffer {
  const scratch = new Scratch(64);
  const end = codec(source).writer(framing, 'dev.eventline.maps.Order').write(value, scratch, 0);
  return scratch.take(end);
}

describe('Protobuf maps in the schema text Glue stores', () => {
  it('encodes a map value to the same bytes as the map<k, v> schema', () => {
    for (const framing of ['confluent', 'glue'] as const) {
      expect(encode(glueSource, framing).toString('hex')).toBe(encode(mapSource, framing).toString('hex'));
    }
  });

  it('decodes to the same plain object, keyed by the map keys', () => {
    const bytes = encode(mapSource, 'confluent');

    const fromGlue = codec(glueSource).read(bytes, 0, { framing: 'confluent' });
    const fromMap = codec(mapSource).read(bytes, 0, { framing: 'confluent' });

    expect(fromGlue).toEqual(fromMap);
    expect(fromGlue).toEqual({
      id: 'o-1',
      quantities: { apples: '9007199254740993', pears: '2' },
      lines: { 7: { sku: 'sku-7', kind: 'GOODS' } },
    });
  });
});

describe('Protobuf message indexes with map entries', () => {
  it('frames a message declared after the entries the same way under both texts', () => {
    for (const framing of ['confluent', 'glue'] as const) {
      const bytes = (source: string) => {
        const scratch = new Scratch(64);
        const writer = codec(source).writer(framing, 'dev.eventline.maps.Order.Line');
        return scratch.take(writer.write({ sku: 's', kind: 'GOODS' }, scratch, 0)).toString('hex');
      };
      expect(bytes(glueSource)).toBe(bytes(mapSource));
    }
  });

  it('refuses an entry message as the type to encode, as with map<k, v>', () => {
    for (const source of [mapSource, glueSource]) {
      expect(() => codec(source).messageType('dev.eventline.maps.Order.QuantitiesEntry')).toThrow(
        /not in the schema/,
      );
    }
  });
});
