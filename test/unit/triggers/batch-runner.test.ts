import { describe, expect, it } from 'vitest';
import {
  type BatchHooks,
  DiscardConditions,
  type Discarded,
  runBatch,
} from '../../../local/triggers/batch-runner.js';
import { InvalidBatchResponseError } from '../../../local/triggers/errors.js';
import { type RetryPolicy, resolveRetryPolicy } from '../../../local/triggers/retry-policy.js';

interface Rec {
  readonly seq: number;
  readonly age?: number;
}

/** A stream of records 1..n and a handler scripted per invocation. */
function harness(n: number, respond: (seqs: number[], call: number) => unknown, policy: RetryPolicy) {
  const records: Rec[] = Array.from({ length: n }, (_, i) => ({ seq: i + 1 }));
  const invocations: number[][] = [];
  const checkpoints: number[] = [];
  const discards: Discarded<Rec>[] = [];
  const hooks: BatchHooks<Rec> = {
    invoke: async (batch) => {
      const seqs = batch.map((r) => r.seq);
      invocations.push(seqs);
      try {
        return { ok: true, response: respond(seqs, invocations.length), requestId: 'r', durationMs: 0 };
      } catch (error) {
        return { ok: false, error: error as Error, requestId: 'r', durationMs: 0 };
      }
    },
    firstFailedIndex: (batch, response) => {
      const failures = (response as { batchItemFailures?: { itemIdentifier: number }[] } | undefined)
        ?.batchItemFailures;
      if (!failures?.length) return undefined;
      const indexes = failures.map((f) => batch.findIndex((r) => r.seq === f.itemIdentifier));
      if (indexes.some((i) => i < 0)) throw new InvalidBatchResponseError('unknown id');
      return Math.min(...indexes);
    },
    ageMs: (r) => r.age ?? 0,
    discard: async (d) => {
      discards.push(d);
    },
    checkpoint: async (done) => {
      checkpoints.push(...done.map((r) => r.seq));
    },
    running: () => true,
    sleep: async () => {},
  };
  return {
    run: (batch: Rec[] = records) => runBatch(batch, resolveRetryPolicy(policy), hooks),
    records,
    invocations,
    checkpoints,
    discards,
  };
}

const fail = (seq: number) => ({ batchItemFailures: [{ itemIdentifier: seq }] });

describe('runBatch (stream event source mapping rules)', () => {
  // https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html:
  // "If the batchItemFailures array contains multiple items, Lambda uses the record with the lowest
  // sequence number as the checkpoint. Lambda then retries all records starting from that checkpoint."
  it('checkpoints before the lowest failed record and retries from it', async () => {
    const h = harness(
      5,
      (_seqs, call) =>
        call === 1 ? { batchItemFailures: [{ itemIdentifier: 4 }, { itemIdentifier: 2 }] } : {},
      {
        reportBatchItemFailures: true,
      },
    );

    await h.run();

    expect(h.invocations).toEqual([
      [1, 2, 3, 4, 5],
      [2, 3, 4, 5],
    ]);
    expect(h.checkpoints).toEqual([1, 2, 3, 4, 5]);
  });

  // Same page: a batchItemFailures response is ignored unless ReportBatchItemFailures is on.
  it('treats a partial batch response as success when ReportBatchItemFailures is off', async () => {
    const h = harness(3, () => fail(2), {});

    await h.run();

    expect(h.invocations).toEqual([[1, 2, 3]]);
    expect(h.checkpoints).toEqual([1, 2, 3]);
  });

  // Same page, "Success and failure conditions": an itemIdentifier that names no record is a complete failure.
  it('retries the whole batch when the partial batch response names an unknown record', async () => {
    const h = harness(3, (_, call) => (call === 1 ? fail(99) : {}), { reportBatchItemFailures: true });

    await h.run();

    expect(h.invocations).toEqual([
      [1, 2, 3],
      [1, 2, 3],
    ]);
  });

  // https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html (BisectBatchOnFunctionError):
  // on a function error the batch is split in two and each half retried, isolating the bad record.
  it('splits a failing batch in two until the poison record is alone', async () => {
    const h = harness(
      4,
      (seqs) => {
        if (seqs.includes(3)) throw new Error('poison');
        return {};
      },
      { bisectBatchOnFunctionError: true, maximumRetryAttempts: 0 },
    );

    await h.run();

    expect(h.invocations).toEqual([[1, 2, 3, 4], [1, 2], [3, 4], [3], [4]]);
    expect(h.discards.map((d) => d.records.map((r) => r.seq))).toEqual([[3]]);
    expect(h.checkpoints).toEqual([1, 2, 3, 4]);
  });

  // https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html (MaximumRetryAttempts):
  // retries do not count the first attempt; past the bound the batch goes to the on-failure destination.
  it('invokes 1 + MaximumRetryAttempts times, then discards the batch and moves on', async () => {
    const h = harness(
      2,
      () => {
        throw new Error('down');
      },
      { maximumRetryAttempts: 2 },
    );

    await h.run();

    expect(h.invocations).toHaveLength(3);
    expect(h.discards).toHaveLength(1);
    expect(h.discards[0]?.condition).toBe(DiscardConditions.retriesExhausted);
    expect(h.discards[0]?.attempts).toBe(3);
    expect(h.discards[0]?.lastError?.message).toBe('down');
    expect(h.checkpoints).toEqual([1, 2]);
  });

  // https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html (MaximumRecordAgeInSeconds):
  // records older than the bound are not sent to the function but discarded.
  it('discards records older than MaximumRecordAge without invoking with them', async () => {
    const h = harness(0, () => ({}), { maximumRecordAgeSeconds: 60 });

    await h.run([
      { seq: 1, age: 120_000 },
      { seq: 2, age: 10 },
    ]);

    expect(h.invocations).toEqual([[2]]);
    expect(h.discards.map((d) => [d.condition, d.records.map((r) => r.seq)])).toEqual([
      [DiscardConditions.recordAgeExceeded, [1]],
    ]);
  });

  // With bisect and a partial response, "the batch is bisected at the returned sequence number and
  // Lambda retries only the remaining records" (services-ddb-batchfailurereporting.html).
  it('retries only the records from the failed one when bisect and partial responses are both on', async () => {
    const h = harness(4, (_seqs, call) => (call === 1 ? fail(3) : {}), {
      reportBatchItemFailures: true,
      bisectBatchOnFunctionError: true,
    });

    await h.run();

    expect(h.invocations).toEqual([
      [1, 2, 3, 4],
      [3, 4],
    ]);
  });

  it('stops without checkpointing when the trigger is stopping', async () => {
    const h = harness(2, () => ({}), {});
    let running = true;
    const result = await runBatch(h.records, resolveRetryPolicy({}), {
      invoke: async () => {
        running = false;
        return { ok: false, error: new Error('x'), requestId: 'r', durationMs: 0 };
      },
      firstFailedIndex: () => undefined,
      ageMs: () => 0,
      discard: async () => {},
      checkpoint: async () => {
        throw new Error('must not checkpoint');
      },
      running: () => running,
      sleep: async () => {},
    });

    expect(result).toBe(false);
  });
});
