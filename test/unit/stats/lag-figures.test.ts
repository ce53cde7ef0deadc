import { describe, expect, it } from 'vitest';
import { lagFigures, type PartitionPosition, positionKey } from '../../../local/stats/index.js';

const now = Date.parse('2026-12-01T12:00:00Z');

describe('lagFigures', () => {
  const positions: PartitionPosition[] = [
    { group: 'projection', topic: 'orders.order.placed', partition: 0, committed: 3, end: 10 },
    { group: 'projection', topic: 'orders.order.placed', partition: 1, committed: 5, end: 6 },
    { group: 'projection', topic: 'orders.order.placed', partition: 2, committed: 4, end: 4 },
    { group: 'fulfilment', topic: 'orders.order.placed', partition: 0, committed: 10, end: 10 },
  ];
  const timestamps = new Map([
    [positionKey('orders.order.placed', 0, 3), now - 90_000],
    [positionKey('orders.order.placed', 1, 5), now - 30_000],
  ]);

  it('sums records behind per group and topic and takes the worst partition age', () => {
    const figures = lagFigures(positions, (t, p, o) => timestamps.get(positionKey(t, p, o)), now);

    expect(figures).toEqual([
      { group: 'fulfilment', topic: 'orders.order.placed', records: 0, seconds: 0 },
      { group: 'projection', topic: 'orders.order.placed', records: 8, seconds: 90 },
    ]);
  });

  it('says the age is unknown when a lagging partition has no timestamp', () => {
    const figures = lagFigures(
      positions,
      (t, p, o) => (p === 0 ? undefined : timestamps.get(positionKey(t, p, o))),
      now,
    );

    expect(figures.find((f) => f.group === 'projection')).toMatchObject({ records: 8, seconds: null });
  });

  it('counts a record stamped in the future as no age rather than a negative one', () => {
    const [figure] = lagFigures([positions[1] as PartitionPosition], () => now + 5_000, now);

    expect(figure).toMatchObject({ records: 1, seconds: 0 });
  });
});
