import { describe, expect, it } from 'vitest';
import type { RecordOutcome } from '../../../functions/lib/consumer/outcomes.js';
import {
  describeOutcomes,
  failedOnMissingResource,
  mskRecordPositions,
} from '../../../local/triggers/record-outcomes.js';

const at = (offset: number) => ({ topic: 't', partition: 0, offset });
const outcome = (offset: number, rest: Partial<RecordOutcome>): RecordOutcome => ({
  status: 'processed',
  consumerGroup: 'g',
  ...at(offset),
  ...rest,
});

describe('invoke outcomes', () => {
  it('reads the record positions of an MSK event, none of another event', () => {
    const event = {
      records: {
        't-0': [
          { topic: 't', partition: 0, offset: 4 },
          { topic: 't', partition: 0, offset: 5 },
        ],
      },
    };

    expect(mskRecordPositions(event)).toEqual([at(4), at(5)]);
    expect(mskRecordPositions({ Records: [{ eventName: 'INSERT' }] })).toEqual([]);
  });

  it('says what became of each record and that a retry leaves the rest of its partition', () => {
    const outcomes = [
      outcome(1, {}),
      outcome(2, { status: 'duplicate' }),
      outcome(3, {
        status: 'dead-lettered',
        reason: 'validation',
        error: { name: 'SerdeValidationError', message: 'amount is negative\nmore', causes: [] },
        dlq: { topic: 't.dlq', partition: 2, offset: 9 },
      }),
      outcome(4, { status: 'retry', error: { name: 'RegistryError', message: 'down', causes: [] } }),
    ];

    const { lines, allProcessed } = describeOutcomes([at(1), at(2), at(3), at(4), at(5)], outcomes);

    expect(lines).toEqual([
      't[0]@1  processed',
      't[0]@2  duplicate skipped (an earlier delivery completed it)',
      't[0]@3  sent to t.dlq at partition 2, offset 9: validation (SerdeValidationError: amount is negative)',
      't[0]@4  left for retry: RegistryError: down',
      't[0]@5  left for retry (after offset 4 of its partition)',
    ]);
    expect(allProcessed).toBe(false);
  });

  it('counts processed and duplicate records as done', () => {
    expect(
      describeOutcomes([at(1), at(2)], [outcome(1, {}), outcome(2, { status: 'duplicate' })]).allProcessed,
    ).toBe(true);
  });

  it('recognises a missing table by the SDK exception under the consumer error', () => {
    const missing = outcome(1, {
      status: 'retry',
      error: {
        name: 'IdempotencyStoreError',
        message: 'claim failed',
        causes: ['ResourceNotFoundException'],
      },
    });
    const other = outcome(1, {
      status: 'retry',
      error: { name: 'RegistryError', message: 'down', causes: [] },
    });

    expect(failedOnMissingResource(missing)).toBe(true);
    expect(failedOnMissingResource(other)).toBe(false);
  });
});
