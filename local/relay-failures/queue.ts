import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { RelayFailuresError } from './errors.js';

export interface QueueMessage {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string;
  readonly sentAt?: string;
}

export interface ReadQueueOptions {
  /**
   * Seconds the messages stay hidden from other readers while this command works on them; they
   * are released (or deleted) when it is done, so the timeout only matters if it dies. @default 60
   */
  readonly visibilitySeconds?: number;
}

/** The queue's URL by its name; an actionable error when the queue does not exist. */
export async function queueUrlOf(sqs: SQSClient, queueName: string): Promise<string> {
  try {
    return (await sqs.send(new GetQueueUrlCommand({ QueueName: queueName }))).QueueUrl as string;
  } catch (error) {
    throw new RelayFailuresError(
      `queue ${queueName} not found: check --prefix (or pass --queue-url), and that the pipeline ran with it`,
      { cause: error },
    );
  }
}

/**
 * Every message of the queue, each received once: received messages stay hidden until released,
 * so the loop ends when a receive comes back empty. SQS has no way to read without receiving.
 */
export async function receiveAll(
  sqs: SQSClient,
  queueUrl: string,
  options: ReadQueueOptions = {},
): Promise<QueueMessage[]> {
  const messages = new Map<string, QueueMessage>();
  for (;;) {
    const page = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: options.visibilitySeconds ?? 60,
        MessageSystemAttributeNames: ['SentTimestamp'],
      }),
    );
    const received = page.Messages ?? [];
    if (received.length === 0) break;
    for (const m of received) {
      if (!m.MessageId || !m.ReceiptHandle || messages.has(m.MessageId)) continue;
      const sent = m.Attributes?.SentTimestamp;
      messages.set(m.MessageId, {
        messageId: m.MessageId,
        receiptHandle: m.ReceiptHandle,
        body: m.Body ?? '',
        ...(sent ? { sentAt: new Date(Number(sent)).toISOString() } : {}),
      });
    }
  }
  return [...messages.values()];
}

/** Makes a received message visible again at once, for the next reader. */
export async function release(sqs: SQSClient, queueUrl: string, message: QueueMessage): Promise<void> {
  await sqs.send(
    new ChangeMessageVisibilityCommand({
      QueueUrl: queueUrl,
      ReceiptHandle: message.receiptHandle,
      VisibilityTimeout: 0,
    }),
  );
}

export async function remove(sqs: SQSClient, queueUrl: string, message: QueueMessage): Promise<void> {
  await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.receiptHandle }));
}
