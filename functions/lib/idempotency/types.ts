import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { ClaimTakenOverError } from './errors.js';

/** The outcome of a claim: run the handler, or skip because it already ran. */
export type ClaimResult =
  | { readonly status: 'claimed'; readonly claim: Claim }
  | { readonly status: 'completed' };

/** A live claim, to complete or release. */
export interface Claim {
  readonly key: string;
  /** Identifies this invocation's claim, so a late finisher cannot complete someone else's. */
  readonly token: string;
  /** The claimed record's payload hash, kept on the completed record. */
  readonly payloadHash: string;
}

export interface ClaimRequest {
  /** `<consumer group>#<event id>` (see idempotencyKey). */
  readonly key: string;
  /** Hex SHA-256 of the record value. */
  readonly payloadHash: string;
  /** How long the claim stays in progress before another invocation may take it over. */
  readonly leaseMs: number;
}

/** A record to look up before claiming: its key and payload hash. */
export type RecordIdentity = Pick<ClaimRequest, 'key' | 'payloadHash'>;

/** Claims and settles records so each side effect runs once per consumer group. */
export interface IdempotencyStore {
  claim(request: ClaimRequest): Promise<ClaimResult>;
  /**
   * Optional batch read ahead of the claims: the keys among `records` already COMPLETED, unexpired,
   * with the same payload hash. A redelivered batch (a Lambda retry, a replay) is then answered
   * by a read per 100 records instead of a conditional write per record. A record it cannot vouch
   * for (absent, in progress, other payload, unread) is left out and claimed as usual.
   */
  completedAmong?(records: readonly RecordIdentity[]): Promise<ReadonlySet<string>>;
  complete(claim: Claim): Promise<void>;
  release(claim: Claim): Promise<void>;
  /**
   * The write that marks `claim` COMPLETED only while this claim still holds the record, for the
   * handler to commit in the same TransactWriteItems as its side effect (fencing: a zombie whose
   * lease ran out can then never apply the effect after the record was taken over).
   */
  completionWrite(claim: Claim): TransactWriteItem;
  /**
   * Recognises in a handler's error (or its `cause` chain) a transaction cancelled because
   * `claim`'s completion write found the record taken over; undefined for any other error.
   */
  takenOver(claim: Claim, error: unknown): ClaimTakenOverError | undefined;
}
