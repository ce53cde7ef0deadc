import { describe, expect, it } from 'vitest';
import { SerdeValidationError, UnsafeIntegerError } from '../../../functions/lib/serde/errors.js';
import { createSerde } from '../../../functions/lib/serde/index.js';
import { InMemoryRegistry } from './in-memory-registry.js';

const schema = {
  type: 'JSON',
  definition: JSON.stringify({
    type: 'object',
    properties: {
      id: { type: 'integer' },
      amounts: { type: 'array', items: { type: 'integer' } },
      ratio: { type: 'number' },
      card: { type: 'string' },
    },
  }),
} as const;

/** A Confluent v0 record with this JSON text as its payload, as another producer may write it. */
async function recordOf(text: string) {
  const client = new InMemoryRegistry('confluent');
  const { id } = await client.register('orders.big-value', schema);
  const header = Buffer.alloc(5);
  header.writeInt32BE(id as number, 1);
  const serde = createSerde({ registry: { kind: 'confluent', url: 'http://unused' }, client });
  return { serde, bytes: Buffer.concat([header, Buffer.from(text)]) };
}

const payload =
  '{"id":9007199254740993,"amounts":[-12345678901234567890,7],"ratio":12345678901234567.5,"card":"4111111111111111"}';

describe('JSON Schema integers beyond 2^53', () => {
  it('refuses them by default with a typed, non-retryable error naming the integer', async () => {
    const { serde, bytes } = await recordOf(payload);

    const failure = await serde.decode(bytes).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(UnsafeIntegerError);
    expect((failure as UnsafeIntegerError).retryable).toBe(false);
    expect((failure as Error).message).toContain('9007199254740993');
  });

  it('decodes them exactly as bigint, validating the record first', async () => {
    const { serde, bytes } = await recordOf(payload);

    const decoded = await serde.decode(bytes, { bigIntegers: 'bigint', validate: true });

    expect(decoded.value).toEqual({
      id: 9007199254740993n,
      amounts: [-12345678901234567890n, 7],
      // A fraction is a double by its spelling: parsed as JSON.parse parses it.
      ratio: Number('12345678901234567.5'),
      card: '4111111111111111',
    });
  });

  it('decodes them exactly as decimal strings', async () => {
    const { serde, bytes } = await recordOf(payload);

    const decoded = await serde.decode(bytes, { bigIntegers: 'string' });

    expect(decoded.value).toMatchObject({ id: '9007199254740993', amounts: ['-12345678901234567890', 7] });
  });

  it('leaves safe integers, fractions and digit strings as JSON.parse reads them', async () => {
    const text =
      '{"id":9007199254740991,"amounts":[-9007199254740991],"ratio":1e300,"card":"12345678901234567"}';
    const { serde, bytes } = await recordOf(text);

    const decoded = await serde.decode(bytes);

    expect(decoded.value).toEqual(JSON.parse(text));
  });

  it('finds them however deep they sit, in a warm decode too', async () => {
    const text = '{"amounts":[1,[2,{"deeper":[{"id":-9007199254740993}]}]],"card":"x"}';
    const { serde, bytes } = await recordOf(text);
    await serde.decode(bytes, { bigIntegers: 'string' });

    const warm = serde.decodeCached?.(bytes, { bigIntegers: 'string' });

    expect(warm?.value).toEqual({ amounts: [1, [2, { deeper: [{ id: '-9007199254740993' }] }]], card: 'x' });
    expect(() => serde.decodeCached?.(bytes)).toThrow(UnsafeIntegerError);
  });

  it('reads nesting deeper than the call stack as JSON.parse does', async () => {
    const depth = 100_000;
    const text = `${'['.repeat(depth)}9007199254740991${']'.repeat(depth)}`;
    const { serde, bytes } = await recordOf(text);

    const decoded = await serde.decode(bytes);

    let innermost = decoded.value;
    for (let level = 0; level < depth; level++) innermost = (innermost as unknown[])[0];
    expect(innermost).toBe(9007199254740991);
  });

  it('still refuses an invalid record before looking at its integers', async () => {
    const { serde, bytes } = await recordOf('{"id":"x","amounts":[9007199254740993]}');

    await expect(serde.decode(bytes, { validate: true, bigIntegers: 'bigint' })).rejects.toThrow(
      SerdeValidationError,
    );
  });
});
