import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { SerdeValidationError } from '../../../functions/lib/serde/errors.js';
import { createSerde } from '../../../functions/lib/serde/index.js';
import { InMemoryRegistry } from './in-memory-registry.js';

const definition = `
syntax = "proto3";
package dev.eventline.frame;
message First { string a = 1; }
message Big { string note = 1; int64 at = 2; repeated string tags = 3; repeated double samples = 4; }
`;
const schema = { type: 'PROTOBUF', definition } as const;
const message = 'dev.eventline.frame.Big';
const big = protobuf.parse(definition, { keepCase: true }).root.lookupType(message);

/** protobufjs' own bytes for a value: what must follow the header and the message indexes. */
function rawBytes(value: Record<string, unknown>): Buffer {
  return Buffer.from(big.encode(big.fromObject(value)).finish());
}

const framings = [
  // Big is the second message of the file: Confluent path [1], written as count 1 then 1 (zigzag).
  { kind: 'confluent', header: 5, indexes: [0x02, 0x02] },
  // In Glue's order (all messages by full name) Big comes before First.
  { kind: 'glue', header: 18, indexes: [0x00] },
] as const;

describe('Protobuf encode into the framed record', () => {
  for (const framing of framings) {
    it(`writes header, message indexes and protobufjs' bytes, records larger than its buffer too (${framing.kind})`, async () => {
      const serde = createSerde({
        registry:
          framing.kind === 'glue'
            ? { kind: 'glue', registryName: 'test' }
            : { kind: 'confluent', url: 'http://unused' },
        client: new InMemoryRegistry(framing.kind),
        autoRegister: true,
      });
      const options = { topic: 'orders.frame', schema, message };
      // Past the 16 KiB scratch buffer, so the writer has to grow it mid-record.
      const values = [
        { note: 'small', at: 1_767_225_600_000 },
        { note: 'x'.repeat(40_000), at: '-9007199254740993', tags: ['a', 'ü'.repeat(9_000)] },
        { note: 'small again', tags: ['b'] },
      ];

      const records: Buffer[] = [];
      for (const value of values) records.push(await serde.encode(value, options));

      records.forEach((record, i) => {
        const value = values[i] as Record<string, unknown>;
        const prefixEnd = framing.header + framing.indexes.length;
        expect([...record.subarray(framing.header, prefixEnd)]).toEqual(framing.indexes);
        expect(record.subarray(prefixEnd)).toEqual(rawBytes(value));
      });
      expect(records[0]?.subarray(0, framing.header)).toEqual(records[2]?.subarray(0, framing.header));
      for (const [i, record] of records.entries()) {
        const decoded = await serde.decode(record);
        expect(decoded.value).toMatchObject({ note: (values[i] as { note: string }).note });
      }
    });
  }

  it('encodes correctly after a value it refused', async () => {
    const serde = createSerde({
      registry: { kind: 'confluent', url: 'http://unused' },
      client: new InMemoryRegistry('confluent'),
      autoRegister: true,
    });
    const options = { topic: 'orders.frame', schema, message };

    await expect(serde.encode({ note: 5 }, options)).rejects.toBeInstanceOf(SerdeValidationError);
    const record = await serde.encode({ note: 'after', at: 3 }, options);

    expect(record.subarray(7)).toEqual(rawBytes({ note: 'after', at: 3 }));
  });
});

describe('Protobuf decode with one reader for every record', () => {
  it("reads each record's own bytes, long packed fields included", async () => {
    const serde = createSerde({
      registry: { kind: 'confluent', url: 'http://unused' },
      client: new InMemoryRegistry('confluent'),
      autoRegister: true,
    });
    const options = { topic: 'orders.reader', schema, message };
    // Sixteen doubles: protobufjs reads that many through a DataView it caches on the reader.
    const values = [1, 2, 3].map((n) => ({
      note: `record ${n}`,
      samples: Array.from({ length: 16 }, (_, i) => n * 100 + i + 0.5),
    }));
    const records: Buffer[] = [];
    for (const value of values) records.push(await serde.encode(value, options));

    for (const [i, record] of records.entries()) {
      const decoded = await serde.decode(record);
      expect(decoded.value).toEqual({ ...values[i], at: '0', tags: [] });
    }
    await expect(serde.decode(records[0]?.subarray(0, 20) as Buffer)).rejects.toThrow(/does not decode/);
    expect((await serde.decode(records[1] as Buffer)).value).toEqual({ ...values[1], at: '0', tags: [] });
  });
});
