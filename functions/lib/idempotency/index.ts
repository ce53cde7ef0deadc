/** Claims in DynamoDB so that each consumer group runs a record's side effect once. */
export { type DynamoDbIdempotencyStoreOptions, dynamoDbIdempotencyStore } from './dynamodb-store.js';
export {
  ClaimInProgressError,
  ClaimTakenOverError,
  IdempotencyError,
  IdempotencyStoreError,
  PayloadMismatchError,
} from './errors.js';
export { idempotencyKey, type KeySource, payloadHash } from './key.js';
export { idempotencyTableDefinition, idempotencyTtlAttribute } from './table.js';
export type { Claim, ClaimRequest, ClaimResult, IdempotencyStore, RecordIdentity } from './types.js';
