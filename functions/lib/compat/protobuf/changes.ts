/**
 * The Protobuf change types that keep a schema backward compatible: Confluent's
 * `COMPATIBLE_CHANGES` (protobuf-provider, `diff/SchemaDiff`). Every other change type breaks compatibility.
 */
export const protobufCompatibleChanges: ReadonlySet<string> = new Set([
  'MESSAGE_ADDED',
  'MESSAGE_MOVED',
  'ENUM_ADDED',
  'ENUM_REMOVED',
  'ENUM_CONST_ADDED',
  'ENUM_CONST_CHANGED',
  'ENUM_CONST_REMOVED',
  'FIELD_ADDED',
  'FIELD_REMOVED',
  'FIELD_NAME_CHANGED',
  'FIELD_STRING_OR_BYTES_LABEL_CHANGED',
  'ONEOF_ADDED',
  'ONEOF_REMOVED',
  'ONEOF_FIELD_ADDED',
  'ONEOF_FIELD_MOVED_TO_TOP_LEVEL',
]);

/**
 * Scalar types in groups whose members share a wire encoding, so a field may move within its
 * group (Protobuf's "updating a message type" rules, as Confluent groups them). Enums count as
 * general numbers.
 */
export const scalarGroups: Readonly<Record<string, string>> = {
  int32: 'GENERAL_NUMBER',
  int64: 'GENERAL_NUMBER',
  uint32: 'GENERAL_NUMBER',
  uint64: 'GENERAL_NUMBER',
  bool: 'GENERAL_NUMBER',
  sint32: 'SIGNED_NUMBER',
  sint64: 'SIGNED_NUMBER',
  string: 'STRING_OR_BYTES',
  bytes: 'STRING_OR_BYTES',
  fixed32: 'FIXED32',
  sfixed32: 'FIXED32',
  fixed64: 'FIXED64',
  sfixed64: 'FIXED64',
  float: 'FLOAT',
  double: 'DOUBLE',
};
