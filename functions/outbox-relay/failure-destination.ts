import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { FailureDestinationError } from './errors.js';
import type { RelayFailureReason } from './reasons.js';

/** What the relay says about a record it could never deliver. */
export interface RelayFailure {
  readonly reason: RelayFailureReason;
  readonly errorClass: string;
  readonly errorMessage: string;
  readonly eventId?: string;
  readonly eventType?: string;
  readonly aggregateId?: string;
  readonly topic?: string;
  /** Where the record sat in the stream. */
  readonly eventSourceArn?: string;
  readonly sequenceNumber?: string;
  /** The outbox item as the stream carried it (DynamoDB JSON), unless too large for the queue. */
  readonly newImage?: unknown;
  readonly failedAt: string;
}

/** Where never-deliverable records go; the relay moves on only once this resolved. */
export interface FailureDestination {
  send(failure: RelayFailure): Promise<void>;
}

// SQS's smallest documented body limit; larger images are left out and the message says so.
const MAX_BODY_BYTES = 256 * 1024;

/** An SQS queue as the failure destination: JSON body, reason and event id as attributes. */
export function sqsFailureDestination(sqs: SQSClient, queueUrl: string): FailureDestination {
  return {
    async send(failure) {
      let body = JSON.stringify(failure);
      if (Buffer.byteLength(body) > MAX_BODY_BYTES) {
        const { newImage: _omitted, ...rest } = failure;
        body = JSON.stringify({ ...rest, newImageOmitted: 'larger than an SQS message' });
      }
      try {
        await sqs.send(
          new SendMessageCommand({
            QueueUrl: queueUrl,
            MessageBody: body,
            MessageAttributes: {
              reason: { DataType: 'String', StringValue: failure.reason },
              ...(failure.eventId
                ? { 'event-id': { DataType: 'String', StringValue: failure.eventId } }
                : {}),
            },
          }),
        );
      } catch (error) {
        throw new FailureDestinationError(`cannot send the failed record to ${queueUrl}`, { cause: error });
      }
    },
  };
}
