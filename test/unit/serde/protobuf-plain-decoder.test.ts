import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { plainDecoder } from '../../../functions/lib/serde/codecs/proto-decode-plain.js';
import { toPlain } from '../../../functions/lib/serde/codecs/proto-to-object.js';
import { everyFieldValues, everythingProto, protoRoot } from './protobuf-everything.js';

const proto3 = everythingProto({
  packageName: 'dev.eventline.plain',
  innerFields: 'string label = 5;',
  fields: `repeated int32 unpacked = 19 [packed = false];
  repeated sint64 zigzags = 20;
  repeated string names = 21;
  optional Inner maybe_inner = 26;`,
});

/** The older reader of Everything: fields 2–26 are unknown to it and skipped. */
const older = `
syntax = "proto3";
package dev.eventline.plain;
message Everything { string name = 1; }
`;

const proto2 = `
syntax = "proto2";
package dev.eventline.plain2;
message Legacy { optional string name = 1 [default = "none"]; optional int32 count = 2 [default = 7]; repeated int32 values = 3; }
`;

function typeOf(source: string, name: string): protobuf.Type {
  return protoRoot(source).lookupType(name);
}

/** What the serde gave before the one-pass decoder: protobufjs' decode, then toPlain. */
function twoPass(type: protobuf.Type, bytes: Uint8Array): unknown {
  return toPlain(type)(type.decode(Buffer.from(bytes)) as unknown as Record<string, unknown>, 0);
}

function onePass(type: protobuf.Type, bytes: Uint8Array): unknown {
  const decode = plainDecoder(type);
  if (decode === undefined) throw new Error(`${type.name} has no one-pass decoder`);
  return decode(protobuf.Reader.create(Buffer.from(bytes)), undefined, 0);
}

/** Either both throw, or both give the same value with the same keys in the same order. */
function expectSameOutcome(type: protobuf.Type, bytes: Uint8Array): void {
  let expected: { value?: unknown; error?: unknown } = {};
  try {
    expected = { value: twoPass(type, bytes) };
  } catch (error) {
    expected = { error };
  }
  if ('error' in expected) {
    expect(() => onePass(type, bytes), Buffer.from(bytes).toString('hex')).toThrow();
    return;
  }
  const actual = onePass(type, bytes);
  expect(actual).toEqual(expected.value);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected.value));
}

function encode(type: protobuf.Type, value: Record<string, unknown>): Uint8Array {
  return type.encode(type.fromObject(value)).finish();
}

const samples: Record<string, unknown>[] = [
  {},
  { name: '', signed: 0, unsigned: '0', kind: 0, flag: false, ratio: 0 },
  {
    ...everyFieldValues,
    name: 'every field: ünïcødé',
    ratio: -0,
    longs: ['-1', 2 ** 53 - 1, '-9007199254740992', 2 ** 49 - 1, 2 ** 49],
    unpacked: [1, -1, 300],
    zigzags: ['-1', '9223372036854775807'],
    names: ['a', '', 'c'],
    nested: { at: 3 },
    maybe: '',
    maybe_inner: { label: 'x' },
  },
  { text: 'chosen', maybe: 'set', kinds: [] },
  // The seven-byte boundary of the int64 fast path, either side.
  { signed: 2 ** 49 - 1, unsigned: 2 ** 49, inner: { at: 2 ** 42 } },
  // Eight- and nine-byte varints: beyond 2^53 a double would round them.
  { signed: '9007199254740993', unsigned: '36028797018963969', longs: ['72057594037927937'] },
];

describe('Protobuf one-pass plain decoder', () => {
  it('gives exactly what protobufjs decode and toPlain give, key order included', () => {
    const type = typeOf(proto3, 'dev.eventline.plain.Everything');
    for (const sample of samples) expectSameOutcome(type, encode(type, sample));
  });

  it('merges repeated occurrences as protobufjs does: last scalar, appended lists, merged messages, last oneof member', () => {
    const type = typeOf(proto3, 'dev.eventline.plain.Everything');
    const first = encode(type, {
      name: 'first',
      inner: { at: 1, counts: [1], label: 'a' },
      longs: [1],
      nested: { at: 1, kind: 2 },
      maybe_inner: { at: 4 },
    });
    const second = encode(type, {
      signed: 5,
      inner: { kind: 2, counts: [2] },
      longs: [2],
      text: 'now text',
      maybe: 'later',
      maybe_inner: { label: 'merged' },
    });
    const third = encode(type, { nested: { counts: [3] } });

    expectSameOutcome(type, Buffer.concat([first, second]));
    expectSameOutcome(type, Buffer.concat([second, first]));
    expectSameOutcome(type, Buffer.concat([first, third, second, third]));
    expect(onePass(type, Buffer.concat([first, second]))).toMatchObject({
      name: 'first',
      signed: '5',
      inner: { at: '1', kind: 'LARGE', counts: ['1', '2'], label: 'a' },
      longs: ['1', '2'],
      text: 'now text',
      maybe_inner: { at: '4', label: 'merged' },
    });
    expect(onePass(type, Buffer.concat([first, second]))).not.toHaveProperty('nested');
  });

  it('merges a message that arrives twice into its oneof members in field order', () => {
    const type = typeOf(proto3, 'dev.eventline.plain.Everything');
    const inner = type.lookupType('Inner');
    const field = (id: number, body: Uint8Array) =>
      Buffer.concat([Buffer.from([(id << 3) | 2, body.length]), body]);
    const earlier = field(15, encode(inner, { again: { maybe: 'b', nested: { at: 1 } } }));
    const later = field(15, encode(inner, { again: { maybe_inner: { at: 2 }, text: 't' } }));

    expectSameOutcome(type, Buffer.concat([earlier, later]));
    expectSameOutcome(type, Buffer.concat([later, earlier]));
  });

  it('skips fields the reader does not know, as protobufjs does', () => {
    const writer = typeOf(proto3, 'dev.eventline.plain.Everything');
    const reader = typeOf(older, 'dev.eventline.plain.Everything');

    for (const sample of samples) expectSameOutcome(reader, encode(writer, sample));
    expect(onePass(reader, encode(writer, samples[2] as Record<string, unknown>))).toEqual({
      name: 'every field: ünïcødé',
    });
  });

  it('reads proto2 defaults and unpacked repeated fields', () => {
    const type = typeOf(proto2, 'dev.eventline.plain2.Legacy');

    expectSameOutcome(type, encode(type, {}));
    expectSameOutcome(type, encode(type, { name: 'n', count: 0, values: [1, 2] }));
    expect(onePass(type, encode(type, {}))).toEqual({ values: [], name: 'none', count: 7 });
  });

  it('fails where protobufjs fails: every truncation and single-byte corruption of a record', () => {
    const type = typeOf(proto3, 'dev.eventline.plain.Everything');
    const bytes = encode(type, samples[2] as Record<string, unknown>);
    for (let end = 0; end < bytes.length; end++) expectSameOutcome(type, bytes.subarray(0, end));
    for (let at = 0; at < bytes.length; at += 3) {
      for (const replacement of [0x00, 0x07, 0x80, 0xff]) {
        const corrupt = Buffer.from(bytes);
        corrupt[at] = replacement;
        expectSameOutcome(type, corrupt);
      }
    }
  });

  it('leaves maps, groups, required fields, closed enums and Any to protobufjs', () => {
    const source = `
      syntax = "proto2";
      package dev.eventline.left;
      import "google/protobuf/any.proto";
      enum Closed { ONE = 1; }
      message WithMap { map<string, int32> m = 1; }
      message WithRequired { required string r = 1; }
      message WithClosedEnum { optional Closed c = 1; }
      message WithAny { optional google.protobuf.Any a = 1; }
      message WithGroup { optional group G = 1 { optional int32 x = 2; } }
      message Outer { optional WithMap inner = 1; }
      message Plain { optional string s = 1; optional Plain self = 2; }
    `;
    const root = protoRoot(source);
    const lookup = (name: string) => root.lookupType(`dev.eventline.left.${name}`);

    for (const name of ['WithMap', 'WithRequired', 'WithClosedEnum', 'WithAny', 'WithGroup', 'Outer']) {
      expect(plainDecoder(lookup(name)), name).toBeUndefined();
    }
    expect(plainDecoder(lookup('Plain'))).toBeTypeOf('function');
  });
});
