import { randomBytes } from 'node:crypto';
import { ExportResultCode } from '@opentelemetry/core';
import { BasicTracerProvider, BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { kafkaConsumer, type MskTriggerEvent } from '../../functions/lib/consumer/index.js';
import type { DecodedRecord, Serde } from '../../functions/lib/serde/index.js';
import { createEventTracer, type EventTracer } from '../../functions/lib/tracing/index.js';
import { benchContext, mskEvent } from '../fixtures/msk-event.js';
import { orderPlacedRecords } from '../fixtures/records.js';
import type { BenchContext, Benchmark } from '../harness/context.js';
import { atMost } from '../harness/goals.js';
import { figureRow, type Row, round, sideFigures } from '../harness/row.js';
import { compare } from '../harness/runner.js';

const row = {
  id: 'B10',
  name: 'consumer span per record: tracing on minus tracing off, per record',
  goal: atMost(10),
} as const;

const partitions = 6;

/**
 * JSON values behind a Confluent-style 5-byte header, decoded synchronously: the row isolates
 * what tracing adds, so the decode work on both sides is kept small and identical.
 */
function decodeJson<T>(bytes: Buffer): DecodedRecord<T> {
  const value = JSON.parse(bytes.subarray(5).toString('utf8')) as T;
  return { value, format: 'confluent', schemaId: 0, schemaType: 'JSON', compression: 'none' };
}

const jsonSerde: Serde = {
  encode: async (value) => Buffer.concat([Buffer.alloc(5), Buffer.from(JSON.stringify(value))]),
  decode: async (bytes) => decodeJson(bytes),
  decodeCached: (bytes) => decodeJson(bytes),
};

/** Spans are recorded and batched as ADOT does in Lambda; the OTLP export itself is left out. */
const discardingExporter: SpanExporter = {
  export: (_spans, done) => done({ code: ExportResultCode.SUCCESS }),
  shutdown: async () => {},
};

/** B10: the warm-path cost of a consumer's spans (one per record, one per invocation) against tracing off. */
export const tracingBenchmark: Benchmark = {
  id: 'B10',
  title: 'consumer tracing on vs off',
  async run(context: BenchContext): Promise<Row[]> {
    const { profile } = context;
    const records = orderPlacedRecords(profile.records);
    // The fixture builds the wire shape Lambda delivers, typed loosely as plain JSON.
    const event = mskEvent(
      'bench.tracing',
      partitions,
      records.map((record) => ({
        key: record.orderId,
        value: Buffer.concat([Buffer.alloc(5), Buffer.from(JSON.stringify(record))]),
        eventType: 'OrderPlaced',
        aggregateType: 'Order',
        traceparent: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`,
      })),
    ) as unknown as MskTriggerEvent;
    const provider = new BasicTracerProvider({
      spanProcessors: [new BatchSpanProcessor(discardingExporter, { maxQueueSize: 4 * records.length })],
    });
    const lambdaContext = benchContext('bench-tracing');
    let handled = 0;
    const consumer = (tracer: EventTracer) =>
      kafkaConsumer({
        consumerGroup: 'bench',
        serde: jsonSerde,
        dlq: { publish: () => Promise.reject(new Error('the bench batch has no poison records')) },
        tracer,
        handler: async () => {
          handled++;
        },
      });
    const traced = consumer(createEventTracer({ tracer: provider.getTracer('bench') }));
    const untraced = consumer(createEventTracer({ enabled: false }));
    const invoke = async (handler: typeof traced) => {
      handled = 0;
      const response = await handler(event, lambdaContext);
      if (response.batchItemFailures.length > 0 || handled !== records.length) {
        throw new Error(`consumer handled ${handled} of ${records.length} records`);
      }
    };

    try {
      const comparison = await compare({
        profile: context.cpuProfile(row.id),
        warmupRounds: profile.warmupRounds,
        rounds: profile.rounds,
        variant: {
          label: 'tracing on',
          opsPerRun: records.length,
          // The flush is part of the invocation in Lambda: spans are handed over before it freezes.
          run: async () => {
            await invoke(traced);
            await provider.forceFlush();
          },
        },
        baseline: { label: 'tracing off', opsPerRun: records.length, run: () => invoke(untraced) },
      });
      const addedNs = comparison.variant.perOp.p50 - comparison.baseline.perOp.p50;
      return [
        figureRow({
          ...row,
          figure: round(addedNs / 1e3, 3),
          unit: 'µs',
          variant: sideFigures(comparison.variant.label, comparison.variant.perOp, 'µs'),
          baseline: sideFigures(comparison.baseline.label, comparison.baseline.perOp, 'µs'),
          rounds: comparison.ratios.length,
          note: `${records.length} records over ${partitions} partitions per invocation, each with a traceparent; p50 per record of the same run, ratio ${round(comparison.ratio, 3)}×; spans batched and flushed per invocation, export discarded`,
        }),
      ];
    } finally {
      await provider.shutdown();
    }
  },
};
