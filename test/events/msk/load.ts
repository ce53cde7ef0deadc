import { readFileSync } from 'node:fs';
import type { MskTriggerEvent } from '../../../functions/lib/consumer/index.js';

/**
 * The sample events in this folder, named `<event>.<framing>.<event source>.json`: Confluent
 * framing on `aws:kafka`, Glue framing on `SelfManagedKafka`. What each holds is in specs.ts;
 * `npx tsx test/events/msk/generate.ts` writes them.
 */
export const MskSamples = {
  /** OrderPaid (Avro), Confluent v0 framing. */
  confluentAvro: 'order-paid.confluent.aws-kafka.json',
  /** OrderPaid (Avro), Glue framing. */
  glueAvro: 'order-paid.glue.self-managed.json',
  /** OrderPaid as JSON, already deserialized by the event source mapping's registry integration. */
  schemaRegistryJson: 'order-paid.esm-registry-json.json',
  orderPlacedConfluent: 'order-placed.confluent.aws-kafka.json',
  orderPlacedGlue: 'order-placed.glue.self-managed.json',
  /** OrderCancelled (Protobuf), Confluent v0 framing with its message-index array. */
  orderCancelledConfluent: 'order-cancelled.confluent.aws-kafka.json',
  /** OrderCancelled (Protobuf), Glue framing with its message index. */
  orderCancelledGlue: 'order-cancelled.glue.self-managed.json',
} as const;
export type MskSample = (typeof MskSamples)[keyof typeof MskSamples];

/** A sample MSK / self-managed Kafka trigger event, parsed, ready to hand to a handler. */
export function loadMskEvent(name: MskSample): MskTriggerEvent {
  return JSON.parse(readFileSync(new URL(name, import.meta.url), 'utf8')) as MskTriggerEvent;
}
