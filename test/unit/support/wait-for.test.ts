import { describe, expect, it } from 'vitest';
import { WaitTimeoutError } from '../../support/errors.js';
import { waitFor, withDeadline } from '../../support/wait-for.js';

describe('waitFor', () => {
  it('resolves once the condition holds', async () => {
    let checks = 0;

    await waitFor(() => ++checks === 3, { what: 'the third check', intervalMs: 1 });

    expect(checks).toBe(3);
  });

  it('throws a WaitTimeoutError naming what it waited for at the deadline', async () => {
    const startedAt = Date.now();

    const error = await waitFor(async () => false, {
      what: 'a thing that never happens',
      timeoutMs: 60,
    }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error).toMatchObject({
      name: 'WaitTimeoutError',
      message: 'timed out after 60 ms waiting for a thing that never happens',
    });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(60);
  });

  it('ends the wait with the error a check throws', async () => {
    await expect(
      waitFor(
        () => {
          throw new Error('broker unreachable');
        },
        { what: 'the broker' },
      ),
    ).rejects.toThrow('broker unreachable');
  });
});

describe('withDeadline', () => {
  it('settles as the awaited event does when it comes in time', async () => {
    await expect(withDeadline(Promise.resolve('record'), { what: 'the record' })).resolves.toBe('record');
    await expect(withDeadline(Promise.reject(new Error('refused')), { what: 'the record' })).rejects.toThrow(
      'refused',
    );
  });

  it('throws a WaitTimeoutError naming the event when it does not come in time', async () => {
    const never = new Promise<never>(() => undefined);

    await expect(withDeadline(never, { what: 'the cut', timeoutMs: 20 })).rejects.toMatchObject({
      name: 'WaitTimeoutError',
      message: 'timed out after 20 ms waiting for the cut',
    });
  });
});
