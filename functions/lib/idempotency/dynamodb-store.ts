import { randomUUID } from 'node:crypto';
import {
  type AttributeValue,
  BatchGetItemCommand,
  type ConditionalCheckFailedException,
  DeleteItemCommand,
  type DynamoDBClient,
  type Put,
  PutItemCommand,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { findAwsError, isAwsError } from '../errors/index.js';
import {
  ClaimInProgressError,
  ClaimTakenOverError,
  IdempotencyStoreError,
  PayloadMismatchError,
} from './errors.js';
import type { Claim, ClaimRequest, ClaimResult, IdempotencyStore, RecordIdentity } from './types.js';

export interface DynamoDbIdempotencyStoreOptions {
  readonly client: DynamoDBClient;
  /** Partition key `id` (S); TTL on `expiresAt` (see idempotencyTableDefinition). */
  readonly tableName: string;
  /**
   * How long a completed record suppresses duplicates. Kafka can redeliver for as long as it
   * retains a record, so this matches the topics' retention.
   * @default 604800 (7 days)
   */
  readonly completedTtlSeconds?: number;
  /** @default Date.now */
  readonly now?: () => number;
}

const Status = { inProgress: 'IN_PROGRESS', completed: 'COMPLETED' } as const;
/** Keys per BatchGetItem request, DynamoDB's limit. */
const BATCH_GET_LIMIT = 100;

/*
 * A conditional PutItem claims a record when no claim exists, when an in-progress claim's lease
 * has run out (its invocation timed out or crashed), or when a completed claim is past its
 * expiry. Expiry is judged by the stored timestamp, because DynamoDB TTL deletes lag by up to
 * days. The first put asks only that no item exists, the cheapest condition there is, because a
 * new record is the common case; ReturnValuesOnConditionCheckFailure hands back the blocking item
 * in the same round trip, so a duplicate costs one request. Only an item that is expired or whose
 * lease ran out costs a second put, under the full condition, which also settles a race with
 * another invocation taking it over in between.
 */
const newClaimCondition = 'attribute_not_exists(id)';
const claimCondition =
  newClaimCondition +
  ' OR (#status = :completed AND expiresAt < :nowSeconds)' +
  ' OR (#status = :inProgress AND leaseExpiresAt < :nowMs AND payloadHash = :hash)';

/** Idempotency store on a DynamoDB table, claiming with conditional writes. */
export function dynamoDbIdempotencyStore(options: DynamoDbIdempotencyStoreOptions): IdempotencyStore {
  const { client, tableName } = options;
  const completedTtlSeconds = options.completedTtlSeconds ?? 604_800;
  const now = options.now ?? Date.now;

  return {
    async claim(request: ClaimRequest): Promise<ClaimResult> {
      const nowMs = now();
      const leaseExpiresAt = nowMs + request.leaseMs;
      const token = randomUUID();
      const claimed: ClaimResult = {
        status: 'claimed',
        claim: { key: request.key, token, payloadHash: request.payloadHash },
      };
      const put = {
        TableName: tableName,
        Item: {
          id: { S: request.key },
          status: { S: Status.inProgress },
          token: { S: token },
          payloadHash: { S: request.payloadHash },
          leaseExpiresAt: { N: String(leaseExpiresAt) },
          // An abandoned claim is cleaned up by TTL like a completed one.
          expiresAt: { N: String(seconds(leaseExpiresAt) + completedTtlSeconds) },
        },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      } as const;
      let existing: Record<string, AttributeValue> | undefined;
      try {
        await client.send(new PutItemCommand({ ...put, ConditionExpression: newClaimCondition }));
        return claimed;
      } catch (error) {
        existing = blockingItem(error, request);
      }
      if (!reclaimable(existing, request, nowMs)) return blocked(request, existing);
      try {
        await client.send(
          new PutItemCommand({
            ...put,
            ConditionExpression: claimCondition,
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':completed': { S: Status.completed },
              ':inProgress': { S: Status.inProgress },
              ':nowSeconds': { N: String(seconds(nowMs)) },
              ':nowMs': { N: String(nowMs) },
              ':hash': { S: request.payloadHash },
            },
          }),
        );
        return claimed;
      } catch (error) {
        return blocked(request, blockingItem(error, request));
      }
    },

    async completedAmong(records: readonly RecordIdentity[]): Promise<ReadonlySet<string>> {
      // BatchGetItem refuses a request naming one key twice.
      const hashes = new Map(records.map((r) => [r.key, r.payloadHash]));
      const keys = [...hashes.keys()];
      const nowSeconds = seconds(now());
      const completed = new Set<string>();
      for (let start = 0; start < keys.length; start += BATCH_GET_LIMIT) {
        const page = await client.send(
          new BatchGetItemCommand({
            RequestItems: {
              [tableName]: {
                Keys: keys.slice(start, start + BATCH_GET_LIMIT).map((key) => ({ id: { S: key } })),
                ProjectionExpression: 'id, #status, payloadHash, expiresAt',
                ExpressionAttributeNames: { '#status': 'status' },
                // Eventually consistent is enough: a completed, unexpired claim never changes back,
                // and a stale "absent" or "in progress" only means the record is claimed as usual.
              },
            },
          }),
        );
        // UnprocessedKeys are not retried: their records are claimed one by one instead.
        for (const item of page.Responses?.[tableName] ?? []) {
          const key = item.id?.S;
          if (
            key !== undefined &&
            item.status?.S === Status.completed &&
            item.payloadHash?.S === hashes.get(key) &&
            Number(item.expiresAt?.N) >= nowSeconds
          ) {
            completed.add(key);
          }
        }
      }
      return completed;
    },

    async complete(claim: Claim): Promise<void> {
      try {
        await client.send(new PutItemCommand(completionPut(tableName, claim, now(), completedTtlSeconds)));
      } catch (error) {
        // Our lease ran out and another invocation took the claim over; it will record completion itself.
        if (isAwsError(error, 'ConditionalCheckFailedException')) return;
        throw new IdempotencyStoreError(`completing ${claim.key} failed`, { cause: error });
      }
    },

    async release(claim: Claim): Promise<void> {
      try {
        await client.send(
          new DeleteItemCommand({
            TableName: tableName,
            Key: { id: { S: claim.key } },
            ConditionExpression: '#token = :token AND #status = :inProgress',
            ExpressionAttributeNames: { '#status': 'status', '#token': 'token' },
            ExpressionAttributeValues: {
              ':token': { S: claim.token },
              ':inProgress': { S: Status.inProgress },
            },
          }),
        );
      } catch (error) {
        // Someone else holds the claim now: it is theirs to settle.
        if (isAwsError(error, 'ConditionalCheckFailedException')) return;
        throw new IdempotencyStoreError(`releasing ${claim.key} failed`, { cause: error });
      }
    },

    completionWrite(claim: Claim): TransactWriteItem {
      return {
        Put: {
          ...completionPut(tableName, claim, now(), completedTtlSeconds),
          // The blocking claim comes back in the cancellation reasons: that is how takenOver knows it.
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      };
    },

    takenOver(claim: Claim, error: unknown): ClaimTakenOverError | undefined {
      const cancelled = transactionCancellation(error);
      const fenced = cancelled?.some(
        (reason) =>
          reason.Code === 'ConditionalCheckFailed' &&
          reason.Item?.id?.S === claim.key &&
          reason.Item.token?.S !== claim.token,
      );
      return fenced ? new ClaimTakenOverError(claim.key, { cause: error }) : undefined;
    },
  };
}

/**
 * Marks a claim COMPLETED on the condition that its token still holds the record: the consumer's
 * own completion and the fencing write a handler commits with its side effect are the same put.
 * A whole-item put rather than an update: one expression fewer for DynamoDB to evaluate on every
 * new record. The completed item has no lease, so the claim condition's lease clause never
 * matches it.
 */
function completionPut(tableName: string, claim: Claim, nowMs: number, completedTtlSeconds: number): Put {
  return {
    TableName: tableName,
    Item: {
      id: { S: claim.key },
      status: { S: Status.completed },
      token: { S: claim.token },
      payloadHash: { S: claim.payloadHash },
      expiresAt: { N: String(seconds(nowMs) + completedTtlSeconds) },
      completedAt: { N: String(nowMs) },
    },
    ConditionExpression: '#token = :token',
    ExpressionAttributeNames: { '#token': 'token' },
    ExpressionAttributeValues: { ':token': { S: claim.token } },
  };
}

interface CancellationReason {
  readonly Code?: string;
  readonly Item?: Record<string, AttributeValue>;
}

/**
 * The cancellation reasons of a TransactionCanceledException found in `error` or its cause chain
 * (the outbox writer, for one, wraps it).
 */
function transactionCancellation(error: unknown): readonly CancellationReason[] | undefined {
  const cancelled = findAwsError(error, 'TransactionCanceledException') as
    | { readonly CancellationReasons?: unknown }
    | undefined;
  const reasons = cancelled?.CancellationReasons;
  return Array.isArray(reasons) ? (reasons as CancellationReason[]) : undefined;
}

/** The item a claim's conditional put was refused by; any other failure is a store error. */
function blockingItem(error: unknown, request: ClaimRequest): Record<string, AttributeValue> | undefined {
  if (isAwsError(error, 'ConditionalCheckFailedException'))
    return (error as ConditionalCheckFailedException).Item;
  throw new IdempotencyStoreError(`claim of ${request.key} failed`, { cause: error });
}

/** Whether the claim condition's second and third clauses would let a claim replace `item`. */
function reclaimable(
  item: Record<string, AttributeValue> | undefined,
  request: ClaimRequest,
  nowMs: number,
): boolean {
  if (item === undefined) return false;
  const status = item.status?.S;
  if (status === Status.completed) return Number(item.expiresAt?.N) < seconds(nowMs);
  return (
    status === Status.inProgress &&
    Number(item.leaseExpiresAt?.N) < nowMs &&
    item.payloadHash?.S === request.payloadHash
  );
}

function blocked(request: ClaimRequest, item: Record<string, AttributeValue> | undefined): ClaimResult {
  if (item === undefined) {
    // The item vanished between the check and the read-back (a racing release): try again.
    throw new IdempotencyStoreError(`claim of ${request.key} failed without a blocking item`);
  }
  if (item.payloadHash?.S !== request.payloadHash) throw new PayloadMismatchError(request.key);
  if (item.status?.S === Status.completed) return { status: 'completed' };
  throw new ClaimInProgressError(request.key, Number(item.leaseExpiresAt?.N ?? 0));
}

function seconds(ms: number): number {
  return Math.floor(ms / 1000);
}
