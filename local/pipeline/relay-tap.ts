import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { LambdaHandler } from '../triggers/index.js';
import { ofRun } from './run-identity.js';

/**
 * Watches the relay's invocations to check per-order event order where it can break: an order's
 * OrderPaid must not be relayed by an earlier invocation than its OrderPlaced (both were committed
 * to the outbox in that order). Records from a partial batch failure on are not yet relayed.
 * Only this run's orders: a restart relays an earlier run's leftovers, whose OrderPlaced may have
 * gone out before it.
 */
export class RelayOrderTap {
  private invocation = 0;
  /** order id → [invocation that relayed OrderPlaced, invocation that relayed OrderPaid] */
  private readonly relayedIn = new Map<string, [number | undefined, number | undefined]>();

  constructor(private readonly runId: string) {}

  wrap(handler: LambdaHandler<DynamoDBStreamEvent>): LambdaHandler<DynamoDBStreamEvent> {
    return async (event, context) => {
      const response = (await handler(event, context)) as DynamoDBBatchResponse | undefined;
      const seq = ++this.invocation;
      const failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      const firstFailed = event.Records.findIndex((r) => failed.has(r.dynamodb?.SequenceNumber ?? ''));
      const relayed = firstFailed < 0 ? event.Records : event.Records.slice(0, firstFailed);
      for (const record of relayed) {
        const image = record.dynamodb?.NewImage;
        const orderId = image?.aggregateId?.S;
        const type = image?.eventType?.S;
        if (!orderId || !ofRun(this.runId, orderId) || (type !== 'OrderPlaced' && type !== 'OrderPaid'))
          continue;
        const at = this.relayedIn.get(orderId) ?? [undefined, undefined];
        at[type === 'OrderPlaced' ? 0 : 1] ??= seq;
        this.relayedIn.set(orderId, at);
      }
      return response;
    };
  }

  get orderViolations(): number {
    let violations = 0;
    for (const [placed, paid] of this.relayedIn.values()) {
      if (paid !== undefined && (placed === undefined || paid < placed)) violations++;
    }
    return violations;
  }
}
