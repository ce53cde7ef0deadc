import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { Kafka, logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { localClientConfig, localEndpoints } from '../../support/local-aws.js';
import { eventlineAsync } from '../cli/support.js';

interface Summary {
  ok: boolean;
  orders: number;
  written: number;
  relayed: number;
  consumed: Record<string, number>;
  projected: number;
  duplicatesSuppressed: Record<string, number>;
  poisonInjected: number;
  dlq: Record<string, number>;
  lost: number;
  orderViolations: number;
  latencyMs: {
    p50: number | null;
    p99: number | null;
    samples: number;
    warmup?: { orders: number; p50: number | null; p99: number | null; samples: number };
    applied?: { p50: number | null; p99: number | null; samples: number };
  };
  functions: Record<string, { code: string; source?: string; template: string; logicalId: string }>;
}

const runStart = (args: string[]) => eventlineAsync(['start', ...args]);

describe('npm start -- --orders N (bounded run)', () => {
  it('projects every order once, keeps per-order order, dead-letters every poison record with its reason, and exits by itself', async () => {
    const prefix = `eventline-e2e-${Date.now().toString(36)}`;
    const orders = 1000;

    const run = await runStart([
      '--orders',
      String(orders),
      '--rate',
      '250',
      '--poison-rate',
      '0.02',
      '--warmup',
      '100',
      '--prefix',
      prefix,
      '--stream-poll-ms',
      '50',
      '--batching-window-ms',
      '50',
      '--timeout',
      '280',
    ]);

    const lines = run.stdout.trim().split('\n').filter(Boolean);
    expect(lines, run.stderr.slice(-2000)).toHaveLength(1);
    const summary = JSON.parse(lines[0] as string) as Summary;
    expect(run.code, lines[0]).toBe(0);
    expect(summary).toMatchObject({
      ok: true,
      orders,
      written: 2 * orders,
      projected: orders,
      lost: 0,
      orderViolations: 0,
    });
    // Every delivery past the first of an event was skipped by the idempotency claim, so the
    // projection applied each of the 2N events once.
    expect(summary.consumed['order-projection']).toBe(
      2 * orders + (summary.duplicatesSuppressed['order-projection'] ?? 0),
    );
    expect(summary.poisonInjected).toBe(20);
    expect(summary.dlq).toEqual({ deserialization: 10, 'schema-not-found': 10 });
    expect(summary.latencyMs.p50).not.toBeNull();
    // The warm-up's events are reported apart from the rest, and every projected event is in one of the two.
    const { warmup, samples } = summary.latencyMs;
    expect(warmup?.orders).toBe(100);
    expect(warmup?.samples).toBeGreaterThan(0);
    expect(samples + (warmup?.samples ?? 0)).toBe(summary.consumed['order-projection']);
    // Each measured event has the completion time its idempotency record got once the projection
    // applied it: within the invocation that delivered it, so never later than its end.
    const applied = summary.latencyMs.applied;
    expect(applied?.samples).toBeGreaterThan(0);
    expect(applied?.samples).toBeLessThanOrEqual(samples);
    expect(applied?.p99).toBeLessThanOrEqual(summary.latencyMs.p99 as number);
    // Each function ran the bundle cdk synth staged, named with the template it came from.
    for (const name of ['outbox-relay', 'order-projection', 'fulfilment']) {
      const fn = summary.functions[name];
      expect(fn?.code).toMatch(/^cdk\.out\/local-dev-[0-9a-f]+\/asset\.[0-9a-f]+\/index\.mjs$/);
      expect(fn?.source).toBe(`functions/${name}/handler.ts`);
      expect(fn?.template).toMatch(/^cdk\.out\/local-dev-[0-9a-f]+\/Eventline-dev\.template\.json$/);
    }

    // Nothing left behind: the run's tables are gone and its consumer groups have no members.
    const dynamodb = new DynamoDBClient(localClientConfig('dynamodb'));
    const tables = await dynamodb.send(new ListTablesCommand({}));
    expect((tables.TableNames ?? []).filter((t) => t.startsWith(prefix))).toEqual([]);
    const admin = new Kafka({ brokers: localEndpoints.kafkaBrokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    // One group per event source mapping of the template, under the run's prefix.
    const { groups } = await admin.describeGroups([
      `${prefix}-order-projection.orders.order.placed`,
      `${prefix}-order-projection.orders.order.paid`,
      `${prefix}-order-projection.orders.order.cancelled`,
      `${prefix}-fulfilment.orders.order.paid`,
      `${prefix}-fulfilment.orders.order.placed`,
    ]);
    await admin.disconnect();
    expect(groups.map((g) => g.members.length)).toEqual([0, 0, 0, 0, 0]);
  }, 320_000);
});
