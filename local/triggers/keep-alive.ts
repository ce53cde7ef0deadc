/**
 * Heartbeats while `work` runs. kafkajs heartbeats only between batches, so an invocation longer
 * than the session timeout (a handler whose SDK retries with backoff) would lose the member its
 * partitions and its commit; Lambda's pollers hold their partitions for the whole invocation.
 * A failed heartbeat is left to the next commit or explicit heartbeat to surface.
 */
export async function keepAlive<T>(
  heartbeat: () => Promise<void>,
  work: Promise<T>,
  everyMs = 500,
): Promise<T> {
  const timer = setInterval(() => {
    heartbeat().catch(() => undefined);
  }, everyMs);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}
