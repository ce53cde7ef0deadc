import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addConsumer, copyApp } from '../../support/app-copy.js';
import { eventlineAsync } from '../cli/support.js';

/** A new user's consumer, written as the README's "Add a consumer" shows: a handler folder... */
const auditHandler = `import { Logger } from '@aws-lambda-powertools/logger';
import { parseConsumerConfig } from '../lib/consumer/config.js';
import { kafkaConsumer } from '../lib/consumer/index.js';
import { consumerRuntime } from '../lib/consumer/runtime.js';

const config = parseConsumerConfig(process.env);
const runtime = await consumerRuntime(config);
const logger = new Logger({ serviceName: 'audit-trail' });

export const handler = kafkaConsumer({
  consumerGroup: config.consumerGroup,
  logger,
  serde: runtime.serde,
  dlq: runtime.dlq,
  idempotency: runtime.idempotency,
  handler: async (record) => {
    logger.info('order placed', { key: String(record.key) });
  },
});
`;
/** ...and one construct instance. */
const auditConsumer = `    new KafkaConsumer(scope, 'AuditTrail', {
      ...defaults,
      entry: 'functions/audit-trail/handler.ts',
      description: 'Test consumer: logs every placed order',
      topics: [manifest.topic('orders.order.placed').name],
      consumerGroup: 'audit-trail',
    }),
`;

interface Summary {
  ok: boolean;
  orders: number;
  lost: number;
  consumed: Record<string, number>;
  functions: Record<string, { code: string; source?: string; template: string; logicalId: string }>;
}

interface Template {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
}

const runStart = (cwd: string, args: string[]) => eventlineAsync(['start', ...args], { cwd });

describe('Add a consumer (README)', () => {
  const copy = mkdtempSync(join(tmpdir(), 'eventline-add-consumer-'));
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('puts a consumer added as one handler folder and one construct in the template, and runs it locally', async () => {
    copyApp(copy);
    mkdirSync(join(copy, 'functions/audit-trail'));
    writeFileSync(join(copy, 'functions/audit-trail/handler.ts'), auditHandler);
    addConsumer(copy, auditConsumer);

    const orders = 10;
    const run = await runStart(copy, [
      '--orders',
      String(orders),
      '--rate',
      '20',
      '--poison-rate',
      '0',
      '--warmup',
      '0',
      '--timeout',
      '120',
    ]);

    const lines = run.stdout.trim().split('\n').filter(Boolean);
    expect(lines, run.stderr.slice(-3000)).toHaveLength(1);
    const summary = JSON.parse(lines[0] as string) as Summary;
    expect(run.code, lines[0]).toBe(0);
    expect(summary).toMatchObject({ ok: true, orders, lost: 0 });
    // The new consumer ran its own bundle, synthesized from its handler folder in the copy...
    const audit = summary.functions['audit-trail'];
    expect(audit?.source).toBe('functions/audit-trail/handler.ts');
    expect(audit?.code).toMatch(/^cdk\.out\/local-dev-[0-9a-f]+\/asset\.[0-9a-f]+\/index\.mjs$/);
    // ...and consumed the placed orders behind its local trigger.
    expect(summary.consumed['audit-trail']).toBeGreaterThan(0);

    // The template that deploys has it: the function, and a trigger on its topic with its own group.
    const template = JSON.parse(readFileSync(join(copy, audit?.template as string), 'utf8')) as Template;
    const fn = template.Resources[audit?.logicalId as string];
    expect(fn?.Type).toBe('AWS::Lambda::Function');
    const mappings = Object.values(template.Resources).filter(
      (r) =>
        r.Type === 'AWS::Lambda::EventSourceMapping' &&
        (r.Properties?.FunctionName as { Ref?: string } | undefined)?.Ref === audit?.logicalId,
    );
    expect(mappings.map((m) => m.Properties)).toEqual([
      expect.objectContaining({
        Topics: ['orders.order.placed'],
        AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: 'audit-trail.orders.order.placed' },
      }),
    ]);
  }, 300_000);
});
