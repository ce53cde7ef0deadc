import protobuf from 'protobufjs';

/**
 * A proto3 file whose message `Everything` has a field of every scalar type, an enum, a nested
 * message that refers back to it, repeated fields, a oneof and an optional field. Field numbers
 * 19–22 and 26 up and Inner's 5 up are left to each test: `fields` and `innerFields` add its own.
 */
export function everythingProto(options: {
  readonly packageName: string;
  readonly imports?: readonly string[];
  readonly innerFields?: string;
  readonly fields: string;
}): string {
  return `
syntax = "proto3";
package ${options.packageName};
${(options.imports ?? []).map((file) => `import "${file}";`).join('\n')}
message Everything {
  enum Kind { KIND_UNSPECIFIED = 0; SMALL = 1; LARGE = 2; }
  message Inner { int64 at = 1; Kind kind = 2; repeated uint64 counts = 3; Everything again = 4; ${options.innerFields ?? ''} }
  string name = 1;
  int64 signed = 2;
  uint64 unsigned = 3;
  sint64 zigzag = 4;
  fixed64 fixed = 5;
  sfixed64 sfixed = 6;
  int32 small = 7;
  uint32 usmall = 8;
  sint32 szig = 9;
  double ratio = 10;
  float f = 11;
  bool flag = 12;
  bytes blob = 13;
  Kind kind = 14;
  Inner inner = 15;
  repeated Inner inners = 16;
  repeated int64 longs = 17;
  repeated Kind kinds = 18;
  ${options.fields}
  oneof choice { string text = 23; Inner nested = 24; }
  optional string maybe = 25;
}
`;
}

/** The parsed and resolved root of a .proto source, with the google/protobuf files it imports. */
export function protoRoot(source: string): protobuf.Root {
  const parsed = protobuf.parse(source, new protobuf.Root(), { keepCase: true });
  for (const file of parsed.imports ?? []) {
    const common = protobuf.common.get(file) as { nested: Record<string, protobuf.AnyNestedObject> };
    parsed.root.addJSON(common.nested);
  }
  parsed.root.resolveAll();
  return parsed.root;
}

/**
 * Values for Everything's common fields that both sides of a conversion must get exactly: the
 * extremes of each integer type (beyond 2^53 where 64-bit), an enum by name, unknown enum numbers
 * and a message nested in itself. A test's "every field" sample adds its own fields to these.
 */
export const everyFieldValues = {
  signed: '-9223372036854775808',
  unsigned: '18446744073709551615',
  zigzag: '-9007199254740993',
  fixed: '9007199254740993',
  sfixed: -42,
  small: -7,
  usmall: 4_000_000_000,
  szig: -2_000_000_000,
  f: 1.5,
  flag: true,
  blob: Buffer.from([1, 2, 3]),
  kind: 'LARGE',
  inner: { at: 1_767_225_600_000, kind: 1, counts: [0, '9007199254740992', '18446744073709551614'] },
  inners: [{ at: -1 }, { again: { name: 'deep', inner: { kind: 7 } } }],
  kinds: [0, 'SMALL', 9],
} as const;
