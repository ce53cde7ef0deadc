import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { ClaimTakenOverError, dynamoDbIdempotencyStore } from '../../../functions/lib/idempotency/index.js';
import { OutboxTransactionCanceledError } from '../../../functions/lib/outbox/index.js';

// completionWrite and takenOver build and read data only: this client is never called.
const store = dynamoDbIdempotencyStore({
  client: new DynamoDBClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9' }),
  tableName: 'claims',
  completedTtlSeconds: 60,
  now: () => 1_800_000_000_000,
});
const claim = { key: 'projection#e-1', token: 'ours', payloadHash: 'h'.repeat(64) };

function cancelled(reasons: TransactionCanceledException['CancellationReasons']) {
  return new TransactionCanceledException({
    message: 'cancelled',
    $metadata: {},
    CancellationReasons: reasons,
  });
}

describe('claim completion inside a handler’s transaction', () => {
  it('completes the claim only while this invocation’s token holds it, and asks for the blocking claim back', () => {
    const write = store.completionWrite(claim);

    expect(write.Put).toMatchObject({
      TableName: 'claims',
      Item: {
        id: { S: 'projection#e-1' },
        status: { S: 'COMPLETED' },
        token: { S: 'ours' },
        payloadHash: { S: 'h'.repeat(64) },
        expiresAt: { N: String(1_800_000_000 + 60) },
      },
      ConditionExpression: '#token = :token',
      ExpressionAttributeValues: { ':token': { S: 'ours' } },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
    // No lease on a completed record: the claim condition's takeover clause cannot match it.
    expect(write.Put?.Item).not.toHaveProperty('leaseExpiresAt');
  });

  it('recognises a cancellation caused by another invocation’s token on the claim, also wrapped by the outbox', () => {
    const fenced = cancelled([
      { Code: 'None' },
      { Code: 'ConditionalCheckFailed', Item: { id: { S: 'projection#e-1' }, token: { S: 'theirs' } } },
    ]);
    const wrapped = new OutboxTransactionCanceledError([], { cause: fenced, retryable: false });

    const direct = store.takenOver(claim, fenced);
    const viaOutbox = store.takenOver(claim, wrapped);

    expect(direct).toBeInstanceOf(ClaimTakenOverError);
    expect(direct?.retryable).toBe(true);
    expect(viaOutbox).toBeInstanceOf(ClaimTakenOverError);
  });

  it('leaves the handler’s own failed conditions, conflicts and other claims to ordinary routing', () => {
    const ownCondition = cancelled([{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }]);
    const conflict = cancelled([{ Code: 'None' }, { Code: 'TransactionConflict' }]);
    const otherClaim = cancelled([
      { Code: 'ConditionalCheckFailed', Item: { id: { S: 'projection#e-2' }, token: { S: 'theirs' } } },
    ]);

    expect(store.takenOver(claim, ownCondition)).toBeUndefined();
    expect(store.takenOver(claim, conflict)).toBeUndefined();
    expect(store.takenOver(claim, otherClaim)).toBeUndefined();
    expect(store.takenOver(claim, new Error('ConditionalCheckFailed'))).toBeUndefined();
  });
});
