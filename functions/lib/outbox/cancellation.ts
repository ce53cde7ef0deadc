import type { TransactionCanceledException, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { isAwsError } from '../errors/index.js';
import { type CancellationReason, OutboxTransactionCanceledError } from './errors.js';
import { describeWrite } from './limits.js';

// Codes that a later attempt can clear; ConditionalCheckFailed, ValidationError and
// ItemCollectionSizeLimitExceeded stay as they are until the caller changes something.
const TRANSIENT = new Set([
  'TransactionConflict',
  'ThrottlingError',
  'ProvisionedThroughputExceeded',
  'RequestLimitExceeded',
]);

/**
 * Turns DynamoDB's TransactionCanceledException into an OutboxTransactionCanceledError
 * naming each item that caused it; any other error is returned unchanged.
 */
export function explainCancellation(
  error: unknown,
  items: readonly TransactWriteItem[],
  domainCount: number,
  eventIds: readonly string[],
): unknown {
  if (!isAwsError(error, 'TransactionCanceledException')) return error;
  const reasons: CancellationReason[] = [];
  ((error as TransactionCanceledException).CancellationReasons ?? []).forEach((reason, index) => {
    if (!reason.Code || reason.Code === 'None') return;
    const item = items[index];
    const kind = index < domainCount ? 'domain' : 'outbox';
    reasons.push({
      index,
      kind,
      target: item ? describeWrite(item) : 'unknown',
      ...(kind === 'outbox' ? { eventId: eventIds[index - domainCount] } : {}),
      code: reason.Code,
      ...(reason.Message ? { message: reason.Message } : {}),
    });
  });
  const retryable = reasons.length > 0 && reasons.every((reason) => TRANSIENT.has(reason.code));
  return new OutboxTransactionCanceledError(reasons, { cause: error, retryable });
}
