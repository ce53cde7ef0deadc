import { describe, expect, it } from 'vitest';
import { InvocationCoalescer } from '../../../local/triggers/coalescer.js';

describe('InvocationCoalescer', () => {
  // https://docs.aws.amazon.com/lambda/latest/dg/with-msk-process.html: "A single Lambda payload can
  // contain messages from multiple partitions."
  it('puts partition batches submitted together into one invocation, up to the batch size', async () => {
    const invocations: string[][] = [];
    const coalescer = new InvocationCoalescer<string>(
      async (records) => {
        invocations.push([...records]);
        return { ok: true, response: null, requestId: 'r', durationMs: 0 };
      },
      { batchSize: 4, windowMs: 5 },
    );

    const results = await Promise.all([
      coalescer.submit(['a0', 'a1']),
      coalescer.submit(['b0']),
      coalescer.submit(['c0', 'c1']),
    ]);

    expect(invocations).toEqual([
      ['a0', 'a1', 'b0'],
      ['c0', 'c1'],
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
  });
});
