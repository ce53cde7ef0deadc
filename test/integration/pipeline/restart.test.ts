import { afterAll, describe, expect, it } from 'vitest';
import { uniqueName } from '../../support/local-aws.js';
import { boundedRun, dropPrefixTables, recordsSince } from './run-support.js';

describe('npm start, stopped and started again on the same prefix', () => {
  const prefix = uniqueName('eventline-restart');
  afterAll(() => dropPrefixTables(prefix));

  it('continues where it stopped: no event is published twice, and the second run counts only its own', async () => {
    const since = Date.now() - 1000;
    const orders = 10;
    const args = ['--orders', String(orders), '--rate', '20', '--prefix', prefix, '--keep'];

    const first = await boundedRun(args);
    const second = await boundedRun(args);

    for (const run of [first, second]) {
      expect(run).toMatchObject({ ok: true, orders, written: 2 * orders, projected: orders, lost: 0 });
      expect(run.orderViolations).toBe(0);
      // Only this run's events: the first run's, still in the groups' and the stream's past, are not counted.
      expect(run.consumed['order-projection']).toBe(
        2 * orders + (run.duplicatesSuppressed['order-projection'] ?? 0),
      );
    }
    // The relay resumed after the first run's last record instead of at the stream's TRIM_HORIZON.
    for (const topic of ['orders.order.placed', 'orders.order.paid']) {
      const records = await recordsSince(topic, since, `${prefix}-`);
      expect(records, topic).toHaveLength(2 * orders);
      expect(new Set(records.map((r) => r.eventId)).size, topic).toBe(2 * orders);
    }
  }, 330_000);
});
