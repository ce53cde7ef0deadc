import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { RelayFailure } from '../../../functions/outbox-relay/failure-destination.js';
import { sqs } from './resources.js';

export interface FailureSighting {
  readonly eventId: string;
  readonly reason: string;
}

/**
 * Every message of the relay's failure queue, by event id and reason. Received with a long
 * visibility timeout so each message is seen once here; SQS may still hand one out twice, and
 * the relay may send one twice, so the checker counts event ids, not messages.
 */
export async function readFailureQueue(queueUrl: string): Promise<FailureSighting[]> {
  const sightings: FailureSighting[] = [];
  // Two empty answers in a row: a standard queue may answer empty once while it has messages.
  for (let empty = 0; empty < 2; ) {
    const page = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 600,
        WaitTimeSeconds: 0,
      }),
    );
    const messages = page.Messages ?? [];
    empty = messages.length === 0 ? empty + 1 : 0;
    for (const message of messages) {
      const failure = JSON.parse(message.Body ?? '{}') as Partial<RelayFailure>;
      sightings.push({ eventId: String(failure.eventId), reason: String(failure.reason) });
    }
  }
  return sightings;
}
