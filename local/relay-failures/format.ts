import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { OutboxAttributes } from '../../functions/lib/outbox/index.js';
import type { FailureMessage } from './failure-message.js';
import type { PointedItem, PointedItems } from './outbox-items.js';
import type { QueueMessage } from './queue.js';

/** A queue message with what it says and the outbox items it points to. */
export interface Found {
  readonly message: QueueMessage;
  /** Undefined for a message of neither shape: listed with its body, never replayed. */
  readonly failure?: FailureMessage;
  readonly pointed: PointedItems;
}

export const unknownShape = "neither a stream batch's invocation record nor a relay failure record";

/** Why a message cannot be replayed as a whole, if it cannot. */
export function refusalOf(pointed: PointedItems): string | undefined {
  if (pointed.items.length === 0) return pointed.note ?? 'it points to no outbox item';
  const gone = pointed.items.filter((i) => !i.item);
  if (gone.length > 0) {
    return `${gone.length} of ${pointed.items.length} outbox item(s) no longer in the table (TTL expired or deleted): ${gone.map(itemName).join(', ')}`;
  }
  return undefined;
}

function text(value: AttributeValue | undefined): string {
  return value && 'S' in value && value.S !== undefined ? value.S : '?';
}

export function itemName(pointed: PointedItem): string {
  return `${text(pointed.key[OutboxAttributes.partitionKey])}/${text(pointed.key[OutboxAttributes.sortKey])}`;
}

/** The message as text: a head line, then a line per outbox item. */
export function describeMessage({ message, failure, pointed }: Found): string {
  const head = !failure
    ? [message.messageId, 'unknown', message.body.slice(0, 200)]
    : failure.kind === 'batch'
      ? [
          message.messageId,
          'batch',
          `shard ${failure.shardId}`,
          `sequence ${failure.startSequenceNumber}..${failure.endSequenceNumber}`,
          `records ${failure.batchSize}`,
          failure.condition,
          `at ${failure.at}`,
        ]
      : [
          message.messageId,
          'record',
          failure.reason,
          ...(failure.sequenceNumber ? [`sequence ${failure.sequenceNumber}`] : []),
          ...(failure.topic ? [`topic ${failure.topic}`] : []),
          `at ${failure.at}`,
          failure.error,
        ];
  const lines = [head.join('  ')];
  for (const pointedItem of pointed.items) {
    const state = pointedItem.item
      ? `${text(pointedItem.item.topic)} ${text(pointedItem.item.eventType)}`
      : 'no longer in the table';
    lines.push(
      `  outbox ${itemName(pointedItem)}${pointedItem.sequenceNumber ? `  sequence ${pointedItem.sequenceNumber}` : ''}  ${state}`,
    );
  }
  if (pointed.note) lines.push(`  ${pointed.note}`);
  return `${lines.join('\n')}\n`;
}

/** The message as one JSON object, its items as the text output names them. */
export function asJson({ message, failure, pointed }: Found) {
  // A record's outbox key is shown once, with the items, in the form the text output uses.
  const { key: _shownWithItems, ...described } =
    failure?.kind === 'record'
      ? failure
      : { ...(failure ?? { kind: 'unknown', body: message.body }), key: undefined };
  return {
    messageId: message.messageId,
    ...(message.sentAt ? { sentAt: message.sentAt } : {}),
    ...described,
    outboxItems: pointed.items.map((p) => ({
      key: itemName(p),
      ...(p.sequenceNumber ? { sequenceNumber: p.sequenceNumber } : {}),
      inTable: p.item !== undefined,
      ...(p.item ? { topic: text(p.item.topic), eventType: text(p.item.eventType) } : {}),
    })),
    ...(pointed.note ? { note: pointed.note } : {}),
  };
}
