import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { HOST, ports } from '../../local/stack/config.js';
import { brokerAddress, TcpProxy } from '../integration/outbox/support.js';
import { WaitTimeoutError } from '../support/errors.js';
import { localClientConfig } from '../support/local-aws.js';
import { waitFor, withDeadline } from '../support/wait-for.js';
import { type Expectation, holds } from './harness/checker.js';
import { ChildRole } from './harness/child.js';
import { type PipelineConfig, Roles } from './harness/config.js';
import { startConsumer } from './harness/consumer-role.js';
import { injectUndecodable } from './harness/inject.js';
import { injectImpostors } from './harness/inject-impostors.js';
import { brokerRefuses, writeOversized } from './harness/inject-oversized.js';
import { KafkaProxy } from './harness/kafka-proxy.js';
import { readLedger } from './harness/ledger.js';
import { startRelay } from './harness/relay-role.js';
import { dynamodb } from './harness/resources.js';
import { aggregatesFor, runScenario, type ScenarioPlan } from './harness/scenario.js';
import { resultsTable, type ScenarioResult } from './harness/verdict.js';

// Events per scenario; the closing note's larger runs set FAULTS_N.
const N = Number(process.env.FAULTS_N ?? 200);
const ledgerGroup = (run: PipelineConfig) => `${run.runId}-ledger`;
/** How long a connection fault refuses connections: the fault's length, not a wait for an outcome. */
const OUTAGE_MS = 2000;
/** How long an armed cut may wait for the reply it drops: requests flow all through the writes. */
const CUT_DEADLINE_MS = 60_000;
// The oversized scenario's topic limit: small, so an oversized record is cheap to write. The
// broker applies max.message.bytes to a whole record batch; the relay splits its requests to fit.
const MAX_MESSAGE_BYTES = 64 * 1024;

/** Fires `fault` once when the writes first reach each share of N (e.g. [1/3, 2/3]). */
function at(shares: readonly number[], fault: (index: number, run: PipelineConfig) => Promise<void>) {
  const pending = shares.map((s) => Math.ceil(s * N));
  let fired = 0;
  return async (written: number, run: PipelineConfig) => {
    while (fired < pending.length && written >= (pending[fired] as number)) await fault(fired++, run);
  };
}

function expectGuarantee(result: ScenarioResult): void {
  expect(result).toMatchObject({ lost: 0, duplicated: 0, unexpected: 0, misordered: 0, wrongOutcome: 0 });
  expect(holds(result)).toBe(true);
}

const baseline: Pick<ScenarioPlan, 'count' | 'start' | 'groups'> = {
  count: N,
  start: (run) => Promise.all([startRelay(run), startConsumer(run)]),
  groups: (run) => [ledgerGroup(run)],
};

/** Waits until the ledger holds `count` effects; gives up after a minute (the checker then says what is missing). */
async function effectsReach(run: PipelineConfig, count: number): Promise<void> {
  await waitFor(async () => (await readLedger(dynamodb, run.ledgerTable)).length >= count, {
    what: `${count} effects in the ledger`,
    timeoutMs: 60_000,
    intervalMs: 100,
  }).catch((error: unknown) => {
    if (!(error instanceof WaitTimeoutError)) throw error;
  });
}

const cutDeadline = (what: string) => ({ what: `${what} to cut`, timeoutMs: CUT_DEADLINE_MS });

const proxies: (TcpProxy | KafkaProxy)[] = [];
async function proxy<P extends TcpProxy | KafkaProxy>(created: P): Promise<P> {
  await created.open();
  proxies.push(created);
  return created;
}

afterAll(async () => {
  for (const p of proxies) await p.close();
  console.info(`\n[faults] N=${N}\n${resultsTable()}\n`);
});

describe('Delivery guarantees under faults', () => {
  it('delivers every committed event exactly once and in order per aggregate without faults', async () => {
    const result = await runScenario('baseline (no faults)', baseline);
    expectGuarantee(result);
  });

  it('catches duplicated effects when the consumer runs without idempotency and the stream is relayed twice', async () => {
    const result = await runScenario('BROKEN on purpose: no idempotency, two relays', {
      ...baseline,
      start: async (run) => [
        await startRelay(run),
        await startRelay(run),
        await startConsumer(run, { withoutIdempotency: true }),
      ],
    });
    // The checker must fail this run: that is what proves it can see duplicates.
    expect(result.duplicated).toBeGreaterThan(0);
    expect(holds(result)).toBe(false);
  });

  it('runs each effect once when every stream record is relayed twice', async () => {
    const result = await runScenario('duplicate stream records (two relays)', {
      ...baseline,
      start: async (run) => [await startRelay(run), await startRelay(run), await startConsumer(run)],
    });
    expectGuarantee(result);
  });

  it('changes nothing when the whole topic is replayed to the consumer', async () => {
    const result = await runScenario('replayed Kafka batches (second group from offset 0)', {
      ...baseline,
      afterSettled: async (run) => ({
        roles: [await startConsumer(run, { groupId: `${run.runId}-replay` })],
        groups: [`${run.runId}-replay`],
      }),
    });
    expectGuarantee(result);
  });

  it('runs each effect once when two consumers race on every record', async () => {
    const result = await runScenario('two invocations racing on each record', {
      ...baseline,
      start: async (run) => [
        await startRelay(run),
        await startConsumer(run, { groupId: `${run.runId}-a` }),
        await startConsumer(run, { groupId: `${run.runId}-b` }),
      ],
      groups: (run) => [`${run.runId}-a`, `${run.runId}-b`],
    });
    expectGuarantee(result);
  });

  it('loses and repeats nothing when the consumer process is SIGKILLed before committing offsets', async () => {
    let consumer: ChildRole | undefined;
    const result = await runScenario('consumer SIGKILLed twice', {
      ...baseline,
      start: async (run) => {
        consumer = new ChildRole(Roles.consumer, run, { timeoutMs: 5000 });
        await consumer.start();
        return [await startRelay(run), { stop: () => consumer?.stop() ?? Promise.resolve() }];
      },
      onProgress: at([1 / 3, 2 / 3], async () => {
        await consumer?.kill();
        await consumer?.start();
      }),
    });
    expectGuarantee(result);
  });

  it('loses and repeats nothing when the relay process is SIGKILLed after some sends were acknowledged', async () => {
    let relay: ChildRole | undefined;
    const result = await runScenario('relay SIGKILLed twice', {
      ...baseline,
      start: async (run) => {
        relay = new ChildRole(Roles.relay, run);
        await relay.start();
        return [{ stop: () => relay?.stop() ?? Promise.resolve() }, await startConsumer(run)];
      },
      onProgress: at([1 / 3, 2 / 3], async () => {
        await relay?.kill();
        await relay?.start();
      }),
    });
    expectGuarantee(result);
  });

  it('loses and repeats nothing when the broker connection is cut during relay', async () => {
    const broker = await proxy(new KafkaProxy(brokerAddress()));
    const result = await runScenario('broker cut during relay (ack lost, then refused)', {
      ...baseline,
      start: async (run) => [
        await startRelay(run, { brokerProxyPort: broker.port }),
        await startConsumer(run),
      ],
      onProgress: at([1 / 3, 2 / 3], async (index) => {
        // First a produce that reaches the broker but whose answer is lost, then a plain outage.
        if (index === 0) await withDeadline(broker.armCutOnReply(), cutDeadline('a produce reply'));
        else await broker.close();
        await sleep(OUTAGE_MS);
        await broker.close();
        await broker.open();
      }),
    });
    expectGuarantee(result);
  });

  it('sends poison bytes and unknown schema ids to the DLQ and every outbox event to the ledger', async () => {
    const result = await runScenario('poison bytes and unknown schema ids', {
      ...baseline,
      inject: (run) => injectUndecodable(run, 10),
    });
    expectGuarantee(result);
    expect(result.deadLettered).toBe(20);
  });

  it('retries undecodable records, rather than dropping them, while the DLQ cannot be written', async () => {
    const dlqBroker = await proxy(new KafkaProxy(brokerAddress()));
    await dlqBroker.close();
    const result = await runScenario('DLQ produce failing until a third of the run', {
      ...baseline,
      start: async (run) => [
        await startRelay(run),
        await startConsumer(run, { dlqProxyPort: dlqBroker.port }),
      ],
      inject: (run) => injectUndecodable(run, 5),
      onProgress: at([1 / 3], async () => {
        await dlqBroker.open();
      }),
    });
    expectGuarantee(result);
    expect(result.deadLettered).toBe(10);
  });

  it('loses and repeats nothing when DynamoDB throttles the consumer', async () => {
    const result = await runScenario('DynamoDB throttling (10% of consumer calls)', {
      ...baseline,
      start: async (run) => [await startRelay(run), await startConsumer(run, { throttleRate: 0.1 })],
    });
    expectGuarantee(result);
  });

  it('keeps delivering from warm caches while the registry is down', async () => {
    const apicurio = await proxy(new TcpProxy({ host: HOST, port: ports.apicurio }));
    const result = await runScenario('registry down, warm cache', {
      ...baseline,
      start: async (run) => {
        const registryUrl = run.registryUrl.replace(`:${ports.apicurio}`, `:${apicurio.port}`);
        return [await startRelay(run, { registryUrl }), await startConsumer(run, { registryUrl })];
      },
      onProgress: at([1 / 3], async (_, run) => {
        // Warm means the relay has encoded and the consumer decoded at least one event.
        await effectsReach(run, 1);
        await apicurio.close();
      }),
    });
    expectGuarantee(result);
  });

  it('holds events back, not in the DLQ, while the registry is down with a cold cache', async () => {
    const apicurio = await proxy(new TcpProxy({ host: HOST, port: ports.apicurio }));
    await apicurio.close();
    const result = await runScenario('registry down, cold cache', {
      ...baseline,
      start: async (run) => {
        const registryUrl = run.registryUrl.replace(`:${ports.apicurio}`, `:${apicurio.port}`);
        return [await startRelay(run, { registryUrl }), await startConsumer(run, { registryUrl })];
      },
      onProgress: at([1 / 3], async () => {
        await apicurio.open();
      }),
    });
    expectGuarantee(result);
  });

  it('runs each effect once when invocations time out while their handler keeps running', async () => {
    // Each slow record costs a timed-out invocation and its retry: 5% of 200, and no more than 50 of a larger N.
    const slowRate = Math.min(0.05, 50 / N);
    const result = await runScenario(
      `handler timing out (~${Math.round(slowRate * N)} records, 2 s timeout)`,
      {
        ...baseline,
        start: async (run) => [
          await startRelay(run),
          await startConsumer(run, { slowRate, timeoutMs: 2000 }),
        ],
      },
    );
    expectGuarantee(result);
  });

  it('sends records larger than the topic accepts to the relay failure queue and delivers the rest of their keys', async () => {
    const oversized: Expectation[] = [];
    const result = await runScenario('oversized record (64 KiB max.message.bytes)', {
      ...baseline,
      runOptions: { maxMessageBytes: MAX_MESSAGE_BYTES },
      onProgress: at([1 / 3], async (_, run) => {
        // The limit is the broker's own: a record of this size, produced straight, is refused.
        expect(await brokerRefuses(run, 2 * MAX_MESSAGE_BYTES)).toBe(true);
        oversized.push(
          ...(await writeOversized(run, {
            count: 5,
            bytes: 2 * MAX_MESSAGE_BYTES,
            aggregates: aggregatesFor(N),
          })),
        );
      }),
      expectations: () => oversized,
    });
    expectGuarantee(result);
    expect(result.failureQueued).toBe(5);
  });

  it('applies the first-seen payload once and dead-letters records reusing its event id with other bytes', async () => {
    const impostors: Expectation[] = [];
    const result = await runScenario('same event id, different payload', {
      ...baseline,
      onProgress: at([1 / 3], async (_, run) => {
        impostors.push(...(await injectImpostors(run, 10)));
      }),
      expectations: () => impostors,
    });
    expectGuarantee(result);
    expect(result.deadLettered).toBe(10);
  });

  it('loses and repeats nothing when the consumer loses its DynamoDB connections', async () => {
    const endpoint = new URL(localClientConfig('dynamodb').endpoint as string);
    const dynamodbProxy = await proxy(new TcpProxy({ host: endpoint.hostname, port: Number(endpoint.port) }));
    const result = await runScenario('DynamoDB connections reset, answer lost, refused for 2 s', {
      ...baseline,
      start: async (run) => [
        await startRelay(run),
        await startConsumer(run, { dynamodbProxyPort: dynamodbProxy.port }),
      ],
      onProgress: at([1 / 3, 2 / 3], async (index, run) => {
        // Mid-processing, not before the consumer's first call: wait for a share of the effects.
        await effectsReach(run, Math.ceil(N * (index === 0 ? 1 / 6 : 1 / 2)));
        // First every open connection reset, then a request that reaches DynamoDB but whose answer
        // is lost (a claim, a ledger write or a completion); each followed by 2 s refused.
        if (index === 0) await dynamodbProxy.close();
        else await withDeadline(dynamodbProxy.armCutOnReply(), cutDeadline('a DynamoDB reply'));
        await sleep(OUTAGE_MS);
        await dynamodbProxy.close();
        await dynamodbProxy.open();
      }),
    });
    expectGuarantee(result);
  });
});
