import { type DynamoDBClient, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';

/**
 * DynamoDB Local never throttles, so throttling is the one fault made in the SDK: a middleware
 * ahead of the SDK's own retries fails a share of calls with the exception DynamoDB returns,
 * and the caller (idempotency store, ledger write) sees it as it would in AWS after retries ran out.
 */
export function injectThrottling(client: DynamoDBClient, rate: number): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      if (Math.random() < rate) {
        throw new ProvisionedThroughputExceededException({ message: 'injected throttling', $metadata: {} });
      }
      return next(args);
    },
    { step: 'initialize', name: 'faultsInjectThrottling' },
  );
}
