import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RecordRejectedError } from '../../../functions/lib/consumer/index.js';
import { EventlineError, findAwsError, isAwsError } from '../../../functions/lib/errors/index.js';
import { PayloadMismatchError } from '../../../functions/lib/idempotency/index.js';
import { SubjectNotFoundError } from '../../../functions/lib/registry/index.js';
import { projectRoot } from '../../../local/stack/paths.js';

/** Every TypeScript file under the project's source folders, as repository paths. */
function sources(): string[] {
  return ['functions', 'registry', 'local', 'infra', 'bench', 'test/support'].flatMap((dir) =>
    readdirSync(join(projectRoot, dir), { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
      .map((entry) => relative(projectRoot, join(entry.parentPath, entry.name))),
  );
}

const base = 'functions/lib/errors/eventline-error.ts';

function sdkError(name: string): Error {
  return Object.assign(new Error(name), { name, $metadata: { httpStatusCode: 400 }, $fault: 'client' });
}

describe('EventlineError', () => {
  it('takes its name from the class that was constructed', () => {
    class OrderLimitError extends EventlineError {}

    expect(new OrderLimitError('too many').name).toBe('OrderLimitError');
    expect(new RecordRejectedError('no such sku').name).toBe('RecordRejectedError');
    expect(new SubjectNotFoundError('no subject').name).toBe('SubjectNotFoundError');
  });

  it('is not retryable and names no DLQ reason unless told', () => {
    const plain = new EventlineError('plain');
    const told = new EventlineError('told', { retryable: true, dlqReason: 'validation', cause: plain });

    expect(plain.retryable).toBe(false);
    expect('dlqReason' in plain).toBe(false);
    expect('cause' in plain).toBe(false);
    expect(told).toMatchObject({ retryable: true, dlqReason: 'validation', cause: plain });
  });

  it('carries each module’s own flags and reasons', () => {
    expect(new PayloadMismatchError('g#e')).toMatchObject({ retryable: false, dlqReason: 'validation' });
    expect(new SubjectNotFoundError('gone')).toMatchObject({
      retryable: false,
      dlqReason: 'schema-not-found',
    });
  });

  it('is the one base: no module extends Error itself or writes a name by hand', () => {
    const files = sources();
    const ownBases = files.filter(
      (file) =>
        file !== base && /class \w+ extends Error\b/.test(readFileSync(join(projectRoot, file), 'utf8')),
    );
    const handNamed = files.filter(
      (file) => file !== base && /this\.name\s*=/.test(readFileSync(join(projectRoot, file), 'utf8')),
    );

    expect(files).toContain(base);
    expect(ownBases).toEqual([]);
    expect(handNamed).toEqual([]);
  });
});

describe('isAwsError', () => {
  it('recognises an SDK exception by its shape and name, whichever copy of the SDK threw it', () => {
    expect(isAwsError(sdkError('ResourceInUseException'))).toBe(true);
    expect(isAwsError(sdkError('ResourceInUseException'), 'ResourceInUseException')).toBe(true);
    expect(isAwsError(sdkError('ResourceInUseException'), 'ResourceNotFoundException')).toBe(false);
  });

  it('does not take an error of ours, or a look-alike without $metadata, for an SDK exception', () => {
    const lookAlike = Object.assign(new Error('x'), { name: 'ConditionalCheckFailedException' });

    expect(isAwsError(lookAlike, 'ConditionalCheckFailedException')).toBe(false);
    expect(isAwsError(new EventlineError('ours'))).toBe(false);
    expect(isAwsError('ConditionalCheckFailedException')).toBe(false);
  });

  it('finds an SDK exception a wrapper keeps as its cause', () => {
    const cancelled = sdkError('TransactionCanceledException');
    const wrapped = new EventlineError('outbox write failed', {
      cause: new Error('inner', { cause: cancelled }),
    });

    expect(findAwsError(wrapped, 'TransactionCanceledException')).toBe(cancelled);
    expect(findAwsError(wrapped, 'ConditionalCheckFailedException')).toBeUndefined();
  });
});
