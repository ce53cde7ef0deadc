import type { Context } from 'aws-lambda';
import type { DlqMessage, DlqPublisher } from '../../../functions/lib/dlq/index.js';
import type {
  Claim,
  ClaimRequest,
  ClaimResult,
  IdempotencyStore,
} from '../../../functions/lib/idempotency/index.js';
import {
  ClaimInProgressError,
  ClaimTakenOverError,
  PayloadMismatchError,
} from '../../../functions/lib/idempotency/index.js';
import type { DecodedRecord, Serde } from '../../../functions/lib/serde/index.js';

/**
 * Stand-ins for the serde's and registry's errors. Plain `Error`s with their own names: routing
 * reads only the `retryable` and `dlqReason` properties, as it would from another copy of the library.
 */
export class FakeWireFormatError extends Error {
  readonly retryable = false;
  readonly dlqReason = 'deserialization';
  constructor(length: number) {
    super(`cannot decode ${length} bytes`);
  }
}

class FakeSchemaNotFoundError extends Error {
  readonly retryable = false;
  readonly dlqReason = 'schema-not-found';
  constructor(id: number) {
    super(`schema ${id} not found`);
  }
}

export class FakeValidationError extends Error {
  readonly retryable = false;
  readonly dlqReason = 'validation';
  constructor() {
    super('payload does not match its schema');
  }
}

/** Confluent v0 framing around JSON; schema id 404 is unknown; `{ invalid: true }` fails validation. */
export const fakeSerde: Serde = {
  async encode(value) {
    return frame(value);
  },
  async decode<T>(bytes: Buffer): Promise<DecodedRecord<T>> {
    if (bytes[0] !== 0x00 || bytes.length < 5) throw new FakeWireFormatError(bytes.length);
    const id = bytes.readInt32BE(1);
    if (id === 404) throw new FakeSchemaNotFoundError(id);
    const value = JSON.parse(bytes.subarray(5).toString('utf8')) as T & { invalid?: boolean };
    if (value.invalid) throw new FakeValidationError();
    return { value, format: 'confluent', schemaId: id, schemaType: 'JSON', compression: 'none' };
  },
};

export function frame(value: unknown, schemaId = 1): Buffer {
  const header = Buffer.alloc(5);
  header.writeInt32BE(schemaId, 1);
  return Buffer.concat([header, Buffer.from(JSON.stringify(value))]);
}

export function collectingDlq(
  options: { failing?: boolean } = {},
): DlqPublisher & { messages: DlqMessage[] } {
  const messages: DlqMessage[] = [];
  return {
    messages,
    async publish(message) {
      if (options.failing) throw Object.assign(new Error('broker down'), { retryable: true });
      messages.push(message);
      return undefined;
    },
  };
}

/** What a handler throws in these tests when its fenced transaction found the claim taken over. */
export class FakeFencedError extends Error {
  constructor(readonly key: string) {
    super(`completion of ${key} cancelled`);
  }
}

/** The DynamoDB store's claim rules over a Map (the real store is tested against DynamoDB Local). */
export function memoryStore(): IdempotencyStore & {
  items: Map<string, { status: string; hash: string; token: string }>;
} {
  const items = new Map<string, { status: string; hash: string; token: string }>();
  let tokens = 0;
  return {
    items,
    async claim(request: ClaimRequest): Promise<ClaimResult> {
      const existing = items.get(request.key);
      if (existing) {
        if (existing.hash !== request.payloadHash) throw new PayloadMismatchError(request.key);
        if (existing.status === 'COMPLETED') return { status: 'completed' };
        throw new ClaimInProgressError(request.key, Date.now() + request.leaseMs);
      }
      const token = String(++tokens);
      items.set(request.key, { status: 'IN_PROGRESS', hash: request.payloadHash, token });
      return { status: 'claimed', claim: { key: request.key, token, payloadHash: request.payloadHash } };
    },
    async complete(claim: Claim) {
      const item = items.get(claim.key);
      if (item?.token === claim.token) item.status = 'COMPLETED';
    },
    async release(claim: Claim) {
      if (items.get(claim.key)?.token === claim.token) items.delete(claim.key);
    },
    completionWrite(claim: Claim) {
      return {
        ConditionCheck: {
          TableName: 'memory',
          Key: { id: { S: claim.key } },
          ConditionExpression: claim.token,
        },
      };
    },
    takenOver(claim: Claim, error: unknown) {
      const fenced = error instanceof FakeFencedError ? error : (error as { cause?: unknown })?.cause;
      return fenced instanceof FakeFencedError && fenced.key === claim.key
        ? new ClaimTakenOverError(claim.key, { cause: error })
        : undefined;
    },
  };
}

export function lambdaContext(remainingMs = 30_000): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'consumer',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:consumer',
    memoryLimitInMB: '256',
    awsRequestId: 'req-1',
    logGroupName: '/aws/lambda/consumer',
    logStreamName: 'stream',
    getRemainingTimeInMillis: () => remainingMs,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export const silentLogger = { warn: () => undefined, error: () => undefined };
