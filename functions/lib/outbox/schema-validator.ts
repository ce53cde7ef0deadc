import { CodecTable, Scratch } from '../serde/index.js';
import type { PayloadValidator } from './types.js';

/**
 * Validates payloads with the serde's own codecs against the manifest's value schema, by
 * encoding them offline: a payload accepted here is one the relay can encode later (the
 * codec's SerdeValidationError names the offending fields). No registry call is made.
 */
export function schemaPayloadValidator(): PayloadValidator {
  const codecs = new CodecTable();
  const scratch = new Scratch();
  return (topic, payload) => {
    const schema = topic.value;
    codecs
      .codec(schema.type, schema.definition)
      .writer('confluent', schema.message)
      .write(payload, scratch, 0);
  };
}
