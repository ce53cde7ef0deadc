export { avroCanonicalString, avroNormalizedString } from './avro-canonical.js';
export { canonicalForm, type SchemaText, sameSchema } from './canonical-form.js';
export { sortedJsonText, sortKeys } from './json-canonical.js';
export {
  type ProtobufStructureResult,
  type ProtoReference,
  protobufStructure,
} from './protobuf-structure.js';
export * from './types.js';
export { addWellKnownProto } from './well-known-protos.js';
