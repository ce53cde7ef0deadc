/**
 * Runs one request per key at a time: callers that miss the cache for a key while a request
 * for it is in flight share that request's promise (its result or its error).
 */
export class Coalescer<K, V> {
  readonly #inFlight = new Map<K, Promise<V>>();

  run(key: K, load: () => Promise<V>): Promise<V> {
    const pending = this.#inFlight.get(key);
    if (pending !== undefined) return pending;
    const started = load().finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, started);
    return started;
  }
}
