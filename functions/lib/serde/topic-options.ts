import type { ManifestTopic } from '../manifest/types.js';
import type { EncodeOptions } from './types.js';

/** How a manifest topic's values are encoded: to the topic, with its value schema (and Protobuf message). */
export function valueEncodeOptions(topic: ManifestTopic): EncodeOptions {
  return {
    topic: topic.name,
    schema: topic.value,
    ...(topic.value.message ? { message: topic.value.message } : {}),
  };
}
