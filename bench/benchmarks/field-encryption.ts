import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { defaultSchemasDir } from '../../functions/lib/manifest/index.js';
import {
  awsKmsKek,
  DekKeyring,
  type EncryptTarget,
  FieldEncryptor,
  MemoryDekRegistry,
} from '../../functions/lib/serde/encryption/index.js';
import { CodecTable, Scratch } from '../../functions/lib/serde/index.js';
import { localAwsConfig } from '../../local/stack/config.js';
import type { BenchContext, Benchmark } from '../harness/context.js';
import { atMost } from '../harness/goals.js';
import { errorRow, figureRow, type Row, round, sideFigures } from '../harness/row.js';
import { compare, type Task } from '../harness/runner.js';

const row = {
  id: 'B12.encrypt',
  name: 'Avro encode+decode of OrderPlaced with one PII field encrypted+decrypted, warm DEK: added time',
  goal: atMost(5),
} as const;

/**
 * B12: what Confluent-compatible field encryption adds to a record's encode and decode, against
 * the same codec without it, in the same run. The DEK is warm (created and unwrapped through moto's
 * KMS during warm-up), so the timed path is AES-256-GCM on the field and nothing else. The DEK
 * registry is the in-memory one of the tests: it is never called once the DEK is cached.
 */
export const fieldEncryptionBenchmark: Benchmark = {
  id: 'B12',
  title: 'Field-level encryption overhead (warm DEK)',
  async run(context: BenchContext): Promise<Row[]> {
    try {
      const definition = readFileSync(join(defaultSchemasDir, 'orders', 'order-placed.avsc'), 'utf8');
      const codec = new CodecTable().codec('AVRO', definition);
      const writer = codec.writer('confluent');
      const kms = new KMSClient(localAwsConfig(context.endpoints.glue));
      const key = await kms.send(new CreateKeyCommand({ Description: 'eventline bench B10' }));
      const target: EncryptTarget = {
        type: 'AVRO',
        definition,
        subject: 'bench.order.placed-value',
        rule: {
          tags: ['PII'],
          kekName: 'bench-pii',
          kmsKeyId: key.KeyMetadata?.Arn as string,
          dekExpiryDays: 30,
        },
      };
      const encryptor = new FieldEncryptor(
        new DekKeyring({ registry: new MemoryDekRegistry(), kek: awsKmsKek(kms) }),
      );
      const n = context.profile.records;
      const records = Array.from({ length: n }, (_, i) => ({
        orderId: `o-${i}`,
        customerId: `c-${i % 97}`,
        lines: [{ sku: `sku-${i % 13}`, quantity: 1 + (i % 3), unitPriceCents: 1299 }],
        totalCents: 1299,
        currency: 'EUR',
        placedAt: 1_796_000_000_000 + i,
        customerEmail: `customer-${i}@example.com`,
        shippingAddress: null,
      }));
      // Warm the DEK for write and read: what a container has after its first record.
      await encryptor.decrypt(await encryptor.encrypt(records[0], target), target);
      const scratch = new Scratch();
      const roundTrip = (value: unknown): unknown => {
        const end = writer.write(value, scratch, 0);
        return codec.read(Buffer.from(scratch.buf.subarray(0, end)), 0, { framing: 'confluent' });
      };
      let sink: unknown;
      const task = (label: string, run: () => void): Task => ({ label, opsPerRun: n, run });
      const comparison = await compare({
        warmupRounds: context.profile.warmupRounds,
        rounds: context.profile.rounds,
        variant: task('encrypt, encode, decode, decrypt', () => {
          for (const record of records) {
            sink = encryptor.decryptCached(roundTrip(encryptor.encryptCached(record, target)), target);
          }
        }),
        baseline: task('encode, decode', () => {
          for (const record of records) sink = roundTrip(record);
        }),
        profile: context.cpuProfile(row.id),
      });
      if ((sink as { customerEmail?: string }).customerEmail?.endsWith('@example.com') !== true) {
        throw new Error('the encrypted round trip did not give the plaintext back');
      }
      const variant = sideFigures(comparison.variant.label, comparison.variant.perOp, 'µs');
      const baseline = sideFigures(comparison.baseline.label, comparison.baseline.perOp, 'µs');
      return [
        figureRow({
          ...row,
          figure: round(variant.p50 - baseline.p50, 3),
          unit: 'µs',
          variant,
          baseline,
          rounds: comparison.ratios.length,
          note: `ratio ${round(comparison.ratio, 3)}×; DEK rotation on (version-prefixed ciphertext), base64 string field`,
        }),
      ];
    } catch (error) {
      return [errorRow(row.id, row.name, row.goal, 'µs', error)];
    }
  },
};
