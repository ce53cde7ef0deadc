/**
 * Everything a run started, each with its stop: `close()` stops them in reverse order of start,
 * every one even when an earlier stop fails (the way AsyncDisposableStack does, which Node 22
 * does not ship), so one teardown path serves success, failure and Ctrl-C.
 */
export class ResourceScope {
  private readonly stops: { readonly name: string; readonly stop: () => Promise<void> | void }[] = [];

  /** Registers the stop of something just started. */
  defer(name: string, stop: () => Promise<void> | void): void {
    this.stops.push({ name, stop });
  }

  /** Starts something and registers its stop in one step, so nothing started is forgotten. */
  async use<T>(
    name: string,
    start: () => Promise<T> | T,
    stop: (started: T) => Promise<void> | void,
  ): Promise<T> {
    const started = await start();
    this.defer(name, () => stop(started));
    return started;
  }

  /** Stops everything, newest first; returns the stops that failed (already past, so never thrown). */
  async close(): Promise<string[]> {
    const failures: string[] = [];
    for (const { name, stop } of this.stops.splice(0).reverse()) {
      try {
        await stop();
      } catch (error) {
        failures.push(`${name}: ${(error as Error).message}`);
      }
    }
    return failures;
  }
}
