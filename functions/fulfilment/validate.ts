import type { ManifestTopic } from '../lib/manifest/types.js';
import type { PayloadValidator } from '../lib/outbox/index.js';
import { JsonSchemaCompiler } from '../lib/serde/codecs/json-schema.js';

/**
 * Checks FulfilmentRequested payloads against the manifest's JSON Schema before the outbox
 * write, with the serde's own compiler, so a bad payload fails here and not at the relay.
 */
export function jsonSchemaPayloadValidator(): PayloadValidator {
  const compiler = new JsonSchemaCompiler();
  const compiled = new Map<string, ReturnType<JsonSchemaCompiler['compile']>>();
  return (topic: ManifestTopic, payload: unknown) => {
    if (topic.value.type !== 'JSON') {
      throw new Error(`fulfilment only emits JSON Schema events; ${topic.name} is ${topic.value.type}`);
    }
    let validate = compiled.get(topic.name);
    if (!validate) {
      validate = compiler.compile(topic.value.definition);
      compiled.set(topic.name, validate);
    }
    if (!validate(payload)) {
      const problems = (validate.errors ?? []).map(
        (e) => `${e.instancePath || '(root)'} ${e.message ?? e.keyword}`,
      );
      throw new Error(problems.join('; '));
    }
  };
}
