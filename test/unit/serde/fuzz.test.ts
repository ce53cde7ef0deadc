import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSerde, SerdeError } from '../../../functions/lib/serde/index.js';
import { InMemoryRegistry } from './in-memory-registry.js';
import { samples } from './samples.js';

/** A serde whose registry knows one id per sample, plus the bytes it encoded for each. */
async function prepare(kind: 'confluent' | 'glue') {
  const client = new InMemoryRegistry(kind);
  const registry =
    kind === 'glue' ? ({ kind, registryName: 'fuzz' } as const) : ({ kind, url: 'http://unused' } as const);
  const serde = createSerde({
    registry,
    client,
    autoRegister: true,
    compression: kind === 'glue' ? 'zlib' : 'none',
  });
  const encoded: Buffer[] = [];
  for (const sample of samples) {
    encoded.push(
      await serde.encode(sample.value, { topic: 'fuzz', schema: sample.schema, message: sample.message }),
    );
  }
  return { serde, encoded };
}

/** Decode either succeeds or throws one of our typed errors (never a TypeError, RangeError, hang). */
async function decodesOrFailsTyped(decode: () => Promise<unknown>): Promise<void> {
  try {
    await decode();
  } catch (error) {
    if (error instanceof SerdeError) return;
    // The in-memory registry's own "not found" error stands in for the registry client's.
    if ((error as Error).message.startsWith('no schema ')) return;
    throw error;
  }
}

const mutation = fc.record({
  at: fc.nat(),
  byte: fc.integer({ min: 0, max: 255 }),
  cut: fc.option(fc.nat(), { nil: undefined }),
});

describe('Decode fuzzing', () => {
  it('answers random bytes with a typed error or a value', async () => {
    const { serde } = await prepare('confluent');
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 64 }), async (bytes) => {
        await decodesOrFailsTyped(() => serde.decode(Buffer.from(bytes)));
      }),
      { numRuns: 2000 },
    );
  });

  for (const kind of ['confluent', 'glue'] as const) {
    it(`answers mutated and truncated ${kind} records of every codec with a typed error or a value`, async () => {
      const { serde, encoded } = await prepare(kind);
      await fc.assert(
        fc.asyncProperty(
          fc.nat({ max: encoded.length - 1 }),
          fc.array(mutation, { minLength: 1, maxLength: 4 }),
          async (which, mutations) => {
            const bytes = Buffer.from(encoded[which] as Buffer);
            let end = bytes.length;
            for (const m of mutations) {
              // Keep the header mostly intact so the payload decoders get exercised.
              bytes[(m.at % (bytes.length - 1)) + 1] = m.byte;
              if (m.cut !== undefined) end = Math.min(end, m.cut % (bytes.length + 1));
            }
            const mutated = bytes.subarray(0, end);
            await decodesOrFailsTyped(() => serde.decode(mutated, { validate: true }));
            // The warm synchronous path reads Confluent Avro records without a Frame: fuzz it too.
            await decodesOrFailsTyped(async () => serde.decodeCached?.(mutated));
          },
        ),
        { numRuns: 3000 },
      );
    });
  }

  it('answers random schema-id headers with a typed error or a value', async () => {
    const { serde, encoded } = await prepare('confluent');
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 40 }),
        fc.nat({ max: encoded.length - 1 }),
        async (header, which) => {
          const payload = (encoded[which] as Buffer).subarray(5);
          await decodesOrFailsTyped(() =>
            serde.decode(payload, { headers: { __value_schema_id: Buffer.from(header) } }),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('turns a corrupt Avro array count into an error, not a spin', async () => {
    const { serde, encoded } = await prepare('confluent');
    const bytes = Buffer.from(encoded[0] as Buffer);
    // The lines array count sits after the 5-byte header and two short strings.
    const countAt =
      5 + 1 + (bytes[5] as number) / 2 + 1 + (bytes[5 + 1 + (bytes[5] as number) / 2] as number) / 2;
    const spliced = Buffer.concat([bytes.subarray(0, countAt), Buffer.from([0xfe, 0xff, 0xff, 0xff, 0x0f])]);

    await expect(serde.decode(spliced)).rejects.toBeInstanceOf(SerdeError);
  });
});
