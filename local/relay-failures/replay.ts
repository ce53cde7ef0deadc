import { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBStreamEvent, AttributeValue as StreamAttributeValue } from 'aws-lambda';
import type { ManagedProducer } from '../../functions/lib/kafka/index.js';
import type { Manifest } from '../../functions/lib/manifest/index.js';
import type { Serde } from '../../functions/lib/serde/index.js';
import type { FailureDestination, RelayFailure } from '../../functions/outbox-relay/failure-destination.js';
import { createRelay } from '../../functions/outbox-relay/relay.js';
import type { PointedItem } from './outbox-items.js';

export interface RedriveOptions {
  readonly serde: Serde;
  readonly manifest: Manifest;
  readonly producer: Pick<ManagedProducer, 'sendBatch'>;
}

export interface RedriveResult {
  /** True when the broker acknowledged every item: only then may the queue message go. */
  readonly delivered: boolean;
  readonly relayed: number;
  /** What kept the rest back, in the relay's words. */
  readonly problems: readonly string[];
}

/**
 * Re-publishes outbox items through the relay's own code (functions/outbox-relay/relay.ts): the same
 * encoding, envelope headers, per-key order and size limits as the deployed relay. Each item goes
 * in as the INSERT stream record it was. The relay's failure destination is replaced by one that
 * only collects, so a record that fails again leaves its message in the queue instead of adding a
 * second one. Consumers skip events they have completed (the event id is their idempotency key).
 */
export function createRedrive(
  options: RedriveOptions,
): (items: readonly PointedItem[]) => Promise<RedriveResult> {
  return async (items) => {
    const failures: RelayFailure[] = [];
    const collect: FailureDestination = {
      async send(failure) {
        failures.push(failure);
      },
    };
    const relay = createRelay({
      ...options,
      failures: collect,
      logger: new Logger({ serviceName: 'relay-failures', logLevel: 'SILENT' }),
    });
    const event: DynamoDBStreamEvent = {
      Records: items.map((pointed, index) => ({
        eventID: `redrive-${index}`,
        eventName: 'INSERT',
        eventSource: 'aws:dynamodb',
        eventVersion: '1.1',
        awsRegion: 'local',
        ...(pointed.streamArn ? { eventSourceARN: pointed.streamArn } : {}),
        dynamodb: {
          Keys: pointed.key as Record<string, StreamAttributeValue>,
          NewImage: pointed.item as Record<string, StreamAttributeValue>,
          // The relay names the first undelivered record by this; positions keep stream order.
          SequenceNumber: pointed.sequenceNumber ?? String(index + 1).padStart(21, '0'),
          StreamViewType: 'NEW_IMAGE',
        },
      })),
    };
    const { response, summary } = await relay(event);
    const problems = failures.map(
      (f) => `${f.eventId ?? 'record'}: ${f.reason} (${f.errorClass}: ${f.errorMessage})`,
    );
    if (response.batchItemFailures.length > 0) {
      problems.push(
        `${summary.retried} record(s) not delivered; the broker or registry refused them for now`,
      );
    }
    return { delivered: problems.length === 0, relayed: summary.relayed, problems };
  };
}
