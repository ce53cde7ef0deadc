import type { MiddlewareObj } from '@middy/core';
import type { KafkaBatchResponse } from './batch-response.js';
import { type KafkaBatch, type MskTriggerEvent, parseMskEvent } from './msk-event.js';

/**
 * middy middleware: turns the raw `aws:kafka` / `SelfManagedKafka` trigger event into a
 * KafkaBatch (records grouped by partition, bytes decoded) before the handler runs. A payload
 * that is not a Kafka trigger event fails the invocation with MalformedEventError.
 */
export function mskEventParser(): MiddlewareObj<MskTriggerEvent | KafkaBatch, KafkaBatchResponse> {
  return {
    name: 'eventline-msk-event-parser',
    before(request) {
      // The handler behind this middleware is typed on KafkaBatch; the swap happens here, once.
      request.event = parseMskEvent(request.event);
    },
  };
}
