import { describe, expect, it } from 'vitest';
import { boundedRun } from './run-support.js';

describe('two bounded runs at once', () => {
  it('each reports only its own orders, events and DLQ records', async () => {
    const orders = 20;
    // Slow enough that each run's orders and poison records flow while the other's consumers run.
    const args = ['--orders', String(orders), '--rate', '4', '--poison-rate', '0.2'];

    const runs = await Promise.all([boundedRun(args), boundedRun(args)]);

    for (const run of runs) {
      expect(run).toMatchObject({
        ok: true,
        orders,
        written: 2 * orders,
        projected: orders,
        poisonInjected: 4,
        lost: 0,
        orderViolations: 0,
      });
      // One copy of each poison record, from this run's own consumer group of orders.order.placed.
      expect(run.dlq).toEqual({ deserialization: 2, 'schema-not-found': 2 });
      expect(run.consumed['order-projection']).toBe(
        2 * orders + (run.duplicatesSuppressed['order-projection'] ?? 0),
      );
      // placed, paid, and the fulfilment request each order causes.
      expect(run.relayed).toBe(3 * orders);
    }
  }, 330_000);
});
