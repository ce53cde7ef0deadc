import { readFileSync } from 'node:fs';
import type { MskTriggerEvent } from '../../../functions/lib/consumer/index.js';

/** The sample events in this folder. */
export const MskSamples = {
  confluentAvro: 'order-paid.confluent.aws-kafka.json',
  glueAvro: 'order-paid.glue.self-managed.json',
  schemaRegistryJson: 'order-paid.esm-registry-json.json',
} as const;
export type MskSample = (typeof MskSamples)[keyof typeof MskSamples];

/** A sample MSK / self-managed Kafka trigger event, parsed, ready to hand to a handler. */
export function loadMskEvent(name: MskSample): MskTriggerEvent {
  return JSON.parse(readFileSync(new URL(name, import.meta.url), 'utf8')) as MskTriggerEvent;
}
