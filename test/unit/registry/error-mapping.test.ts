import { describe, expect, it } from 'vitest';
import { httpError } from '../../../functions/lib/registry/http.js';
import {
  ConfluentRegistryClient,
  confluentCompatibility,
  glueCompatibility,
  RegistryThrottledError,
} from '../../../functions/lib/registry/index.js';
import { CompatibilityLevels } from '../../../functions/lib/schema/index.js';

describe('Confluent HTTP failures', () => {
  it.each([
    [429, 42901, 'RegistryThrottledError', true],
    [503, 50003, 'RegistryUnreachableError', true],
    [409, 409, 'IncompatibleSchemaError', false],
    [404, 40401, 'SubjectNotFoundError', false],
    [404, 40403, 'SchemaNotFoundError', false],
    [422, 42201, 'InvalidSchemaError', false],
    [401, undefined, 'RegistryRequestError', false],
  ])('maps status %i (error_code %s) to %s, retryable %s', (status, code, name, retryable) => {
    const error = httpError(status, { error_code: code, message: 'why' }, 'GET http://registry/subjects');

    expect(error).toMatchObject({ name, retryable, status, url: 'GET http://registry/subjects' });
    expect(error.message).toContain('why');
  });

  it('retries a 429 and raises it as retryable once retries are spent', async () => {
    let calls = 0;
    const throttled = async () => {
      calls += 1;
      throw httpError(429, { error_code: 42901, message: 'slow down' }, 'GET http://registry/subjects');
    };
    const client = new ConfluentRegistryClient(
      { url: 'http://registry', retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 2 } },
      throttled,
    );

    const error = await client.listSubjects().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RegistryThrottledError);
    expect(calls).toBe(3);
  });
});

describe('Compatibility mapping Confluent ↔ Glue', () => {
  it('maps transitive levels to Glue _ALL modes and back for every level', () => {
    expect(glueCompatibility('BACKWARD_TRANSITIVE')).toBe('BACKWARD_ALL');
    expect(glueCompatibility('FULL')).toBe('FULL');
    for (const level of CompatibilityLevels)
      expect(confluentCompatibility(glueCompatibility(level))).toBe(level);
  });

  it('has no Confluent level for Glue DISABLED', () => {
    expect(confluentCompatibility('DISABLED')).toBeUndefined();
  });
});
