import { describe, expect, it } from 'vitest';
import { InvocationTimeoutError } from '../../../local/triggers/errors.js';
import { matchesAnyFilter, parseFilterCriteria } from '../../../local/triggers/filter.js';
import { invokeHandler } from '../../../local/triggers/invoke.js';

describe('event filtering', () => {
  // https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html (DynamoDB: filter on eventName).
  it('keeps only records matching the relay filter {"eventName": ["INSERT"]}', () => {
    const filters = parseFilterCriteria({ Filters: [{ Pattern: '{"eventName":["INSERT"]}' }] });

    expect(matchesAnyFilter({ eventName: 'INSERT' }, filters)).toBe(true);
    expect(matchesAnyFilter({ eventName: 'REMOVE' }, filters)).toBe(false);
  });

  it('matches nested fields and operators', () => {
    const filters = parseFilterCriteria({
      Filters: [
        {
          Pattern:
            '{"dynamodb":{"NewImage":{"type":{"S":[{"prefix":"Order"}]},"ttl":{"N":[{"exists":false}]}}}}',
        },
      ],
    });

    expect(matchesAnyFilter({ dynamodb: { NewImage: { type: { S: 'OrderPlaced' } } } }, filters)).toBe(true);
    expect(matchesAnyFilter({ dynamodb: { NewImage: { type: { S: 'Other' } } } }, filters)).toBe(false);
  });
});

describe('invokeHandler', () => {
  it('gives the handler a context whose remaining time counts down from the timeout', async () => {
    const result = await invokeHandler(
      async (_e: unknown, context) => ({
        name: context.functionName,
        remaining: context.getRemainingTimeInMillis(),
      }),
      {},
      { functionName: 'fn', timeoutMs: 5000 },
    );

    expect(result.ok && result.response).toMatchObject({ name: 'fn' });
    const remaining = result.ok ? (result.response as { remaining: number }).remaining : 0;
    expect(remaining).toBeGreaterThan(0);
    expect(remaining).toBeLessThanOrEqual(5000);
  });

  // https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html: past the timeout the invocation fails.
  it("fails an invocation that runs past its timeout with Lambda's message", async () => {
    const result = await invokeHandler(
      () => new Promise(() => {}),
      {},
      { functionName: 'slow', timeoutMs: 20 },
    );

    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toBeInstanceOf(InvocationTimeoutError);
    expect(!result.ok && result.error.message).toBe('Task timed out after 0.02 seconds');
  });
});
