import { describe, expect, it } from 'vitest';
import {
  RecordRejectedError,
  RetryRecordError,
  routeFailure,
} from '../../../functions/lib/consumer/index.js';
import { EventlineError } from '../../../functions/lib/errors/index.js';
import { ClaimInProgressError, PayloadMismatchError } from '../../../functions/lib/idempotency/index.js';
import { RegistryUnreachableError, SchemaNotFoundError } from '../../../functions/lib/registry/index.js';
import { SerdeValidationError, UnknownWireFormatError } from '../../../functions/lib/serde/index.js';
import { FakeValidationError, FakeWireFormatError } from './fakes.js';

function named(name: string, retryable?: boolean): Error {
  return Object.assign(new Error(name), { name }, retryable === undefined ? {} : { retryable });
}

/** An error whose class name says nothing about how it must be routed. */
class QuotaCheckFailed extends Error {
  readonly retryable = false;
  readonly dlqReason = 'validation';
}

describe('routeFailure', () => {
  it('sends undecodable bytes, unknown schemas and invalid payloads to the DLQ with their reasons', () => {
    expect(routeFailure(new FakeWireFormatError(1), 'decode')).toEqual({
      action: 'dlq',
      reason: 'deserialization',
    });
    expect(routeFailure(new SchemaNotFoundError('no schema 7'), 'decode')).toEqual({
      action: 'dlq',
      reason: 'schema-not-found',
    });
    expect(routeFailure(new FakeValidationError(), 'decode')).toEqual({
      action: 'dlq',
      reason: 'validation',
    });
  });

  it('treats an unflagged decode error as undecodable bytes', () => {
    expect(routeFailure(new RangeError('offset out of range'), 'decode')).toEqual({
      action: 'dlq',
      reason: 'deserialization',
    });
  });

  it('retries a registry outage during decode', () => {
    expect(routeFailure(named('RegistryUnavailableError', true), 'decode')).toEqual({ action: 'retry' });
    expect(routeFailure(new RegistryUnreachableError('connect ECONNREFUSED'), 'decode')).toEqual({
      action: 'retry',
    });
  });

  it('dead-letters a handler rejection and a payload mismatch, retries the rest', () => {
    expect(routeFailure(new RecordRejectedError('no such sku'), 'handle')).toEqual({
      action: 'dlq',
      reason: 'handler-rejected',
    });
    expect(routeFailure(new PayloadMismatchError('g#e'), 'handle')).toEqual({
      action: 'dlq',
      reason: 'validation',
    });
    expect(routeFailure(new ClaimInProgressError('g#e', 0), 'handle')).toEqual({ action: 'retry' });
    expect(routeFailure(new RetryRecordError('later'), 'handle')).toEqual({ action: 'retry' });
    expect(routeFailure(new Error('socket hang up'), 'handle')).toEqual({ action: 'retry' });
  });

  it('routes by the dlqReason property whatever the class is called', () => {
    expect(routeFailure(new QuotaCheckFailed('over quota'), 'decode')).toEqual({
      action: 'dlq',
      reason: 'validation',
    });
    expect(routeFailure(new QuotaCheckFailed('over quota'), 'handle')).toEqual({
      action: 'dlq',
      reason: 'validation',
    });
    expect(
      routeFailure(new EventlineError('limit', { retryable: false, dlqReason: 'validation' }), 'handle'),
    ).toEqual({ action: 'dlq', reason: 'validation' });
  });

  it('ignores class names: a look-alike without the properties gets the default of its stage', () => {
    expect(routeFailure(named('SchemaNotFoundError', false), 'decode')).toEqual({
      action: 'dlq',
      reason: 'deserialization',
    });
    expect(routeFailure(named('SerdeValidationError', false), 'handle')).toEqual({
      action: 'dlq',
      reason: 'handler-rejected',
    });
    expect(routeFailure(named('SerdeValidationError'), 'handle')).toEqual({ action: 'retry' });
  });

  it('keeps validation from the handler but calls its bytes-or-schema failures a rejection', () => {
    expect(routeFailure(new SerdeValidationError('order does not match'), 'handle')).toEqual({
      action: 'dlq',
      reason: 'validation',
    });
    expect(routeFailure(new SchemaNotFoundError('no schema 7'), 'handle')).toEqual({
      action: 'dlq',
      reason: 'handler-rejected',
    });
    expect(routeFailure(new UnknownWireFormatError('ff', 1), 'handle')).toEqual({
      action: 'dlq',
      reason: 'handler-rejected',
    });
  });

  it('falls back to the stage default for a dlqReason outside the vocabulary', () => {
    const odd = Object.assign(new Error('odd'), { retryable: false, dlqReason: 'poison' });

    expect(routeFailure(odd, 'decode')).toEqual({ action: 'dlq', reason: 'deserialization' });
    expect(routeFailure(odd, 'handle')).toEqual({ action: 'dlq', reason: 'handler-rejected' });
  });
});
