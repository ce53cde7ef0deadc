import { describe, expect, it } from 'vitest';
import { ResourceScope } from '../../../local/pipeline/scope.js';

describe('ResourceScope', () => {
  it('stops everything newest first, and every stop runs even when an earlier one fails', async () => {
    const scope = new ResourceScope();
    const stopped: string[] = [];
    scope.defer('clients', () => {
      stopped.push('clients');
    });
    await scope.use(
      'sandbox',
      () => 'worker',
      (worker) => {
        stopped.push(worker);
        throw new Error('worker would not stop');
      },
    );
    scope.defer('trigger', async () => {
      stopped.push('trigger');
    });

    const failures = await scope.close();

    expect(stopped).toEqual(['trigger', 'worker', 'clients']);
    expect(failures).toEqual(['sandbox: worker would not stop']);
  });

  it('registers nothing when a start fails, and closes once', async () => {
    const scope = new ResourceScope();
    let stops = 0;
    scope.defer('first', () => {
      stops++;
    });

    await expect(
      scope.use(
        'broken',
        () => Promise.reject(new Error('no broker')),
        () => {
          stops += 100;
        },
      ),
    ).rejects.toThrow('no broker');
    await scope.close();
    await scope.close();

    expect(stops).toBe(1);
  });
});
