import avro from 'avsc';
import type { Context } from 'aws-lambda';
import type { DlqPublisher } from '../../functions/lib/dlq/publisher.js';
import type { Serde } from '../../functions/lib/serde/index.js';
import { uniqueName } from '../../local/stack/unique-name.js';
import { benchContext, mskEvent } from '../fixtures/msk-event.js';
import { orderPlacedRecords } from '../fixtures/records.js';
import { orderPlacedSchema } from '../fixtures/schemas.js';
import { deleteSubject, registerSchema, registryReachable } from '../harness/confluent-rest.js';
import { type BenchContext, type Benchmark, importProjectModule, missingModule } from '../harness/context.js';
import { atMost } from '../harness/goals.js';
import { confluentClient } from '../harness/registry-client.js';
import { comparisonRow, type Row, unavailableRow } from '../harness/row.js';
import { compare } from '../harness/runner.js';
import { loadCreateSerde } from '../harness/serde-module.js';

const consumerModulePath = 'functions/lib/consumer/index.ts';

interface ConsumerModule {
  kafkaConsumer(options: {
    consumerGroup: string;
    serde: Serde;
    dlq: DlqPublisher;
    handler: (record: unknown, context: Context) => Promise<void>;
  }): (event: unknown, context: Context) => Promise<{ batchItemFailures: unknown[] }>;
}

const row = {
  id: 'B5',
  name: 'consumer path without idempotency (MSK event → handler) vs base64 + raw avsc decode loop',
  goal: atMost(1.3),
} as const;

const partitions = 6;

/** B5: what the consumer middleware adds to the minimum work of reading an MSK batch. */
export const consumerBenchmark: Benchmark = {
  id: 'B5',
  title: 'consumer path vs base64 + raw decode',
  async run(context: BenchContext): Promise<Row[]> {
    const { endpoints, profile } = context;
    const unavailable = (reason: string) => [unavailableRow(row.id, row.name, row.goal, '×', reason)];
    const missing = missingModule([consumerModulePath]);
    if (missing) return unavailable(missing);
    const loaded = await loadCreateSerde();
    if ('unavailable' in loaded) return unavailable(loaded.unavailable);
    if (!(await registryReachable(endpoints.apicurio))) {
      return unavailable(`not available: Apicurio at ${endpoints.apicurio} unreachable`);
    }
    const { kafkaConsumer } = await importProjectModule<ConsumerModule>(consumerModulePath);

    const schema = orderPlacedSchema();
    const topic = uniqueName('bench.consumer');
    const subject = `${topic}-value`;
    await registerSchema(endpoints.apicurio, subject, schema);
    try {
      const { client } = confluentClient(endpoints.apicurio);
      const serde = loaded.createSerde({ registry: { kind: 'confluent', url: endpoints.apicurio }, client });
      const writer = { type: schema.type, definition: schema.definition };
      const records = orderPlacedRecords(profile.records);
      const inputs = [];
      for (const record of records) {
        inputs.push({
          key: record.orderId,
          value: await serde.encode(record, { topic, schema: writer }),
          eventType: 'OrderPlaced',
          aggregateType: 'Order',
        });
      }
      const event = mskEvent(topic, partitions, inputs);
      const lambdaContext = benchContext('bench-consumer');
      let handled = 0;
      const handler = kafkaConsumer({
        consumerGroup: 'bench',
        serde,
        dlq: {
          publish: () => Promise.reject(new Error('the bench batch has no poison records')),
        },
        handler: async () => {
          handled++;
        },
      });
      const avroType = avro.Type.forSchema(JSON.parse(schema.definition) as avro.Schema);
      const wireRecords = Object.values(event.records).flat() as { key: string; value: string }[];

      const comparison = await compare({
        profile: context.cpuProfile(row.id),
        warmupRounds: profile.warmupRounds,
        rounds: profile.rounds,
        variant: {
          label: 'kafkaConsumer',
          opsPerRun: records.length,
          prepare: () => {
            handled = 0;
          },
          run: async () => {
            const response = await handler(event, lambdaContext);
            if (response.batchItemFailures.length > 0 || handled !== records.length) {
              throw new Error(`consumer handled ${handled} of ${records.length} records`);
            }
          },
        },
        baseline: {
          label: 'base64 + avsc',
          opsPerRun: records.length,
          run: () => {
            for (const record of wireRecords) {
              Buffer.from(record.key, 'base64').toString('utf8');
              // Skip the 5-byte Confluent header; the schema is known to this loop.
              avroType.fromBuffer(Buffer.from(record.value, 'base64').subarray(5));
            }
          },
        },
      });
      return [
        comparisonRow(
          {
            ...row,
            note: `${records.length} records over ${partitions} partitions per invocation, no-op handler; baseline decodes key to UTF-8 and value with avsc`,
          },
          comparison,
        ),
      ];
    } finally {
      await deleteSubject(endpoints.apicurio, subject);
    }
  },
};
