import {
  fulfilmentRequestedRecords,
  orderCancelledRecords,
  orderPlacedRecords,
} from '../fixtures/records.js';
import { fulfilmentRequestedSchema, orderCancelledSchema, orderPlacedSchema } from '../fixtures/schemas.js';
import type { Benchmark } from '../harness/context.js';
import { codecBenchmark } from './codecs.js';
import { consumerBenchmark } from './consumer.js';
import { fieldEncryptionBenchmark } from './field-encryption.js';
import { idempotencyBenchmark } from './idempotency.js';
import { pipelineBenchmark } from './pipeline.js';
import { rawAvro, rawJsonSchema, rawProtobuf } from './raw-codecs.js';
import { registryServiceBenchmark } from './registry-service.js';
import { relayBenchmark } from './relay.js';
import { traceLookupBenchmark } from './trace-lookup.js';
import { tracingBenchmark } from './tracing.js';
import { uuidBenchmark } from './uuid.js';

/** Every benchmark, in the order the table lists them. */
export const benchmarks: readonly Benchmark[] = [
  codecBenchmark({
    id: 'B1-3.avro',
    format: 'avro',
    title: 'Avro',
    schema: orderPlacedSchema,
    records: orderPlacedRecords,
    raw: rawAvro,
  }),
  codecBenchmark({
    id: 'B1-3.protobuf',
    format: 'protobuf',
    title: 'Protobuf',
    schema: orderCancelledSchema,
    records: orderCancelledRecords,
    raw: rawProtobuf,
  }),
  codecBenchmark({
    id: 'B1-3.json',
    format: 'json',
    title: 'JSON Schema',
    schema: fulfilmentRequestedSchema,
    records: fulfilmentRequestedRecords,
    raw: rawJsonSchema,
    validateOnDecode: true,
  }),
  relayBenchmark,
  consumerBenchmark,
  idempotencyBenchmark,
  pipelineBenchmark,
  registryServiceBenchmark,
  uuidBenchmark,
  tracingBenchmark,
  fieldEncryptionBenchmark,
  traceLookupBenchmark,
];
