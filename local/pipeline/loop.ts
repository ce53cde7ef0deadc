import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Admin } from 'kafkajs';
import type { RunningFunction } from './functions.js';
import { updateLag } from './lag.js';
import { countRunEvents } from './outbox-count.js';
import { checkReadModel } from './read-model.js';
import type { PipelineStats } from './stats.js';

/** The demo producer writes OrderPlaced and OrderPaid for each order. */
const eventsPerOrder = 2;
/** How often the live view's projected-orders count is read from the read model. */
const readModelScanMs = 10_000;

export interface WatchInput {
  readonly stats: PipelineStats;
  readonly dynamodb: DynamoDBClient;
  readonly admin: Admin;
  readonly functions: readonly RunningFunction[];
  readonly projection: { readonly name: string; readonly readModelTable: string };
  /** The outbox the demo and the consumers' follow-up events are written to. */
  readonly outboxTable: string;
  readonly runId: string;
  /** Bounded run: the number of orders to account for. */
  readonly orders?: number;
  readonly deadline: number;
  readonly timeoutSeconds: number;
  readonly producing: Promise<void>;
  /** The demo producer stopped (duration over or Ctrl-C). */
  readonly demoStopped: AbortSignal;
  readonly signal: AbortSignal;
  readonly onTick?: (stats: PipelineStats) => void;
}

/**
 * The poll loop: updates the live numbers four times a second until Ctrl-C, the end of an
 * unbounded demo, or (bounded run) every order is projected, every poison record dead-lettered
 * and every event of the run, follow-ups included, relayed and delivered (see settled).
 * Returns why it failed, if it did.
 */
export async function watchRun(input: WatchInput): Promise<string | undefined> {
  const { stats } = input;
  let failure: string | undefined;
  let produced = false;
  void input.producing.then(
    () => {
      produced = true;
    },
    (error: Error) => {
      failure = `demo producer: ${error.message}`;
    },
  );
  let lastLag = 0;
  let lastScan = 0;
  while (failure === undefined) {
    await new Promise((r) => setTimeout(r, 250));
    // The read-model scan holds DynamoDB Local's single SQLite queue while it reads every item,
    // and every write waits behind it (every two seconds it put about 50 ms on the p99 latency).
    // So it runs every ten seconds for the view, and at once when the projection has consumed
    // every order's events.
    const projectionCaughtUp =
      (stats.consumed.get(input.projection.name) ?? 0) >= eventsPerOrder * stats.ordersPlaced;
    if ((produced && projectionCaughtUp) || Date.now() - lastScan > readModelScanMs) {
      lastScan = Date.now();
      stats.projected = (
        await checkReadModel(input.dynamodb, input.projection.readModelTable, input.runId)
      ).projected;
    }
    if (Date.now() - lastLag > 1000) {
      lastLag = Date.now();
      await updateLag(input.admin, stats, input.functions).catch(() => {});
    }
    input.onTick?.(stats);
    if (input.signal.aborted) break;
    if (input.orders === undefined) {
      if (input.demoStopped.aborted && produced) break;
      continue;
    }
    if (
      produced &&
      stats.projected >= input.orders &&
      stats.dlqCount >= stats.poisonInjected &&
      (await settled(input))
    )
      break;
    if (Date.now() > input.deadline)
      failure = `timed out after ${input.timeoutSeconds}s with orders unaccounted for`;
  }
  return failure;
}

/**
 * Every event of the run reached Kafka and every consumer of its topic: the relayed events were
 * all delivered, and then the outbox held no more of the run's events than were relayed. In that
 * order, since a delivery can write a follow-up event (fulfilment's request): once every relayed
 * event was delivered, an outbox count taken after holds each follow-up they caused.
 */
async function settled(input: WatchInput): Promise<boolean> {
  const { stats } = input;
  const relayed = stats.relayedCount;
  const consumers = input.functions.map((f) => ({
    name: f.fn.name,
    topics: f.groups.flatMap((g) => g.topics),
  }));
  if (stats.undelivered(consumers) > 0) return false;
  return relayed >= (await countRunEvents(input.dynamodb, input.outboxTable, input.runId));
}
