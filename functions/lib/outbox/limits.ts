import type { AttributeValue, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { OutboxLimitError, OutboxLimits } from './errors.js';
import { itemSize } from './item-size.js';

/**
 * Refuses, before calling DynamoDB, a transaction that DynamoDB would refuse with a
 * bare ValidationException. For Update/Delete/ConditionCheck only the key is known here,
 * so their share is a lower bound; DynamoDB has the last word on those.
 */
export function assertWithinLimits(
  items: readonly TransactWriteItem[],
  describe: (index: number) => string,
): void {
  if (items.length > OutboxLimits.maxTransactionItems) {
    throw new OutboxLimitError(
      'maxTransactionItems',
      items.length,
      'too many items for one transaction (domain writes + one per event); split the events over several writes',
    );
  }
  let total = 0;
  items.forEach((item, index) => {
    const size = itemSize(knownAttributes(item));
    if (size > OutboxLimits.maxItemBytes) {
      throw new OutboxLimitError(
        'maxItemBytes',
        size,
        `item ${index} (${describe(index)}) is too large for DynamoDB`,
      );
    }
    total += size;
  });
  if (total > OutboxLimits.maxTransactionBytes) {
    throw new OutboxLimitError(
      'maxTransactionBytes',
      total,
      'the items of this transaction are too large together',
    );
  }
}

function knownAttributes(item: TransactWriteItem): Record<string, AttributeValue> {
  return item.Put?.Item ?? item.Update?.Key ?? item.Delete?.Key ?? item.ConditionCheck?.Key ?? {};
}

/** `Put orders`, `Update orders`, ... for messages. */
export function describeWrite(item: TransactWriteItem): string {
  if (item.Put) return `Put ${item.Put.TableName}`;
  if (item.Update) return `Update ${item.Update.TableName}`;
  if (item.Delete) return `Delete ${item.Delete.TableName}`;
  if (item.ConditionCheck) return `ConditionCheck ${item.ConditionCheck.TableName}`;
  return 'empty write';
}
