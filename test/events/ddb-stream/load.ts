import { readFileSync } from 'node:fs';
import type { DynamoDBStreamEvent } from 'aws-lambda';

/** The sample DynamoDB Streams events in this folder (the outbox relay's trigger). */
export const DdbStreamSamples = {
  /** One transaction of order-42: OrderPlaced then OrderPaid, as Lambda delivers the INSERTs. */
  outboxInsert: 'outbox-insert.json',
} as const;
export type DdbStreamSample = (typeof DdbStreamSamples)[keyof typeof DdbStreamSamples];

/** A sample outbox stream event, parsed, ready to hand to the relay handler. */
export function loadDdbStreamEvent(name: DdbStreamSample): DynamoDBStreamEvent {
  return JSON.parse(readFileSync(new URL(name, import.meta.url), 'utf8')) as DynamoDBStreamEvent;
}
