import type protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { toObjectOptions, toPlain } from '../../../functions/lib/serde/codecs/proto-to-object.js';
import { encoderReady } from '../../../functions/lib/serde/codecs/protobuf-ready.js';
import { everyFieldValues, everythingProto, protoRoot } from './protobuf-everything.js';

const everything = (): protobuf.Type =>
  protoRoot(
    everythingProto({
      packageName: 'dev.eventline.fast',
      imports: ['google/protobuf/any.proto'],
      fields: `map<string, Inner> by_name = 19;
  map<int64, string> by_long = 20;
  map<uint64, Kind> kind_by_unsigned = 21;
  map<bool, bytes> by_flag = 22;
  google.protobuf.Any any = 26;`,
    }),
  ).lookupType('dev.eventline.fast.Everything');

/** Values that exercise every branch: safe and unsafe 64-bit values, defaults, maps, oneofs. */
const samples: Record<string, unknown>[] = [
  {},
  { name: 'a', signed: '0', unsigned: 0, kind: 0 },
  {
    ...everyFieldValues,
    name: 'every field',
    ratio: 0.25,
    longs: ['-1', 2 ** 53 - 1, '-9007199254740992'],
    by_name: { x: { at: '5' }, ['__proto__']: { kind: 2 } },
    by_long: { '-5': 'minus', '9223372036854775807': 'max', '12': 'twelve' },
    kind_by_unsigned: { '18446744073709551615': 1, '3': 'LARGE' },
    by_flag: { true: Buffer.from('yes') },
    nested: { at: 3 },
    maybe: '',
    any: { type_url: 'type.googleapis.com/x.Y', value: Buffer.from([8, 1]) },
  },
  { text: 'chosen', maybe: 'set', kinds: [], by_name: {} },
];

describe('Protobuf plain-object conversion', () => {
  it('gives exactly what protobufjs toObject gives, key order included', () => {
    const type = everything();
    const convert = toPlain(type);
    for (const sample of samples) {
      const decoded = type.decode(type.encode(type.fromObject(sample)).finish());

      const plain = convert(decoded as unknown as Record<string, unknown>, 0);

      const expected = type.toObject(decoded, toObjectOptions);
      expect(plain).toEqual(expected);
      expect(JSON.stringify(plain)).toBe(JSON.stringify(expected));
    }
  });

  it('prints 64-bit values beyond 2^53 exactly', () => {
    const type = everything();
    const decoded = type.decode(
      type
        .encode(type.fromObject({ signed: '-9007199254740993', unsigned: '18446744073709551615' }))
        .finish(),
    );

    const plain = toPlain(type)(decoded as unknown as Record<string, unknown>, 0);

    expect(plain.signed).toBe('-9007199254740993');
    expect(plain.unsigned).toBe('18446744073709551615');
  });
});

describe('Protobuf encoder-ready values', () => {
  it('writes the same bytes as fromObject for every value it lets through', () => {
    const type = everything();
    const ready = encoderReady(type);
    const direct = [
      { name: 'x', signed: 5, unsigned: '18446744073709551615', small: -3, kind: 2 },
      { inners: [{ at: '-9007199254740993', counts: [1, '2'] }], by_long: { '-5': 'm' } },
      { text: 't', maybe: '', blob: new Uint8Array([9]), by_flag: { false: new Uint8Array() } },
    ];
    for (const value of direct) {
      expect(ready(value)).toBe(true);
      expect(Buffer.from(type.encode(value).finish())).toEqual(
        Buffer.from(type.encode(type.fromObject(value)).finish()),
      );
    }
  });

  it('sends values that need converting or are invalid to the checked path', () => {
    const ready = encoderReady(everything());
    const refused = [
      { kind: 'LARGE' },
      { small: 2 ** 31 },
      { usmall: -1 },
      { signed: 2 ** 53 },
      { signed: '1e3' },
      { blob: 'AQID' },
      { name: 5 },
      { unknown: 1 },
      { inner: { at: 1.5 } },
      { any: { type_url: 'x', value: new Uint8Array() } },
      { inners: {} },
      { by_name: [] },
      Object.create({ name: 'inherited' }),
      null,
      [],
    ];
    for (const value of refused) expect(ready(value)).toBe(false);
  });
});
