import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type { KafkaBatchResponse } from './batch-response.js';
import { mskEventParser } from './middleware.js';
import type { KafkaBatch, MskTriggerEvent } from './msk-event.js';
import { processBatch } from './process-batch.js';
import type { ConsumerOptions } from './types.js';

/**
 * A Lambda handler for an MSK (or self-managed Kafka) event source mapping with
 * ReportBatchItemFailures on: decode, idempotency claim, the team's record handler, DLQ routing.
 *
 * @example
 * export const handler = kafkaConsumer({ consumerGroup, serde, dlq, idempotency, handler: onOrderPaid });
 */
export function kafkaConsumer<V>(options: ConsumerOptions<V>) {
  return middy<MskTriggerEvent | KafkaBatch, KafkaBatchResponse>()
    .use(mskEventParser())
    .handler((event, context: Context) => processBatch(event as KafkaBatch, context, options));
}
