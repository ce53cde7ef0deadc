import { describe, expect, it } from 'vitest';
import {
  RecordRejectedError,
  RetryRecordError,
  routeFailure,
} from '../../../functions/lib/consumer/index.js';
import { ClaimInProgressError, PayloadMismatchError } from '../../../functions/lib/idempotency/index.js';
import { FakeValidationError, FakeWireFormatError } from './fakes.js';

function named(name: string, retryable?: boolean): Error {
  return Object.assign(new Error(name), { name }, retryable === undefined ? {} : { retryable });
}

describe('routeFailure', () => {
  it('sends undecodable bytes, unknown schemas and invalid payloads to the DLQ with their reasons', () => {
    expect(routeFailure(new FakeWireFormatError(1), 'decode')).toEqual({
      action: 'dlq',
      reason: 'deserialization',
    });
    expect(routeFailure(named('SchemaNotFoundError', false), 'decode')).toEqual({
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
});
