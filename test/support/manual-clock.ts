/** A clock that moves only when the test says so, for code that takes `now` (the idempotency store). */
export interface ManualClock {
  readonly now: () => number;
  /** Moves the clock `ms` forward, e.g. past a lease, instead of waiting that long. */
  advance(ms: number): void;
}

/** A manual clock starting at `startMs`. @default startMs Date.now() */
export function manualClock(startMs = Date.now()): ManualClock {
  let current = startMs;
  return {
    now: () => current,
    advance(ms: number) {
      current += ms;
    },
  };
}
