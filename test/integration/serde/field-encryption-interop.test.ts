import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dek, Kek } from '../../../functions/lib/registry/dek-types.js';
import type { SchemaType } from '../../../functions/lib/schema/index.js';
import { CodecRegistry } from '../../../functions/lib/serde/codecs/registry.js';
import {
  awsKmsKek,
  confluentEncryptRule,
  DekKeyring,
  type EncryptRule,
  FieldEncryptor,
} from '../../../functions/lib/serde/encryption/index.js';
import { createSerde, fixedSchemaClient } from '../../../functions/lib/serde/index.js';
import { Scratch } from '../../../functions/lib/serde/scratch.js';
import { encodeConfluentV0Header } from '../../../functions/lib/serde/wire/confluent-v0.js';
import { stackEnv } from '../../../local/stack/env.js';
import { ensureVenv } from '../../../local/stack/python.js';
import { localClientConfig, uniqueName } from '../../support/local-aws.js';
import { MemoryDekRegistry } from '../../support/memory-dek-registry.js';

const run = promisify(execFile);
const script = join(import.meta.dirname, 'confluent_encryption.py');
const kms = new KMSClient(localClientConfig('moto'));

interface Case {
  readonly name: string;
  readonly schemaType: SchemaType;
  readonly schema: string;
  readonly dekExpiryDays: number;
}

const cases: Case[] = [
  {
    name: 'Avro, rotating DEKs (version-prefixed ciphertext)',
    schemaType: 'AVRO',
    dekExpiryDays: 30,
    schema: JSON.stringify({
      type: 'record',
      name: 'OrderPlaced',
      fields: [
        { name: 'orderId', type: 'string' },
        { name: 'customerEmail', type: ['null', 'string'], default: null, 'confluent:tags': ['PII'] },
        { name: 'shippingAddress', type: 'string', 'confluent:tags': ['PII'] },
      ],
    }),
  },
  {
    name: 'JSON Schema, one DEK',
    schemaType: 'JSON',
    dekExpiryDays: 0,
    schema: JSON.stringify({
      type: 'object',
      properties: {
        orderId: { type: 'string' },
        customerEmail: { type: 'string', 'confluent:tags': ['PII'] },
        shippingAddress: { type: 'string', 'confluent:tags': ['PII'] },
      },
    }),
  },
];
const order = {
  orderId: 'o-7',
  customerEmail: 'grace@example.com',
  shippingAddress: '1 Navy Way, Arlington',
};

async function python(mode: 'write' | 'read', request: object): Promise<Record<string, unknown>> {
  const bin = await ensureVenv('confluent');
  const child = run(join(bin, 'python'), [script, mode], { env: { ...process.env, ...stackEnv() } });
  child.child.stdin?.end(JSON.stringify(request));
  const { stdout } = await child;
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe('Field encryption interop with confluent-kafka (Python, AWS KMS driver on moto)', () => {
  let kmsKeyId: string;
  beforeAll(async () => {
    kmsKeyId = (await kms.send(new CreateKeyCommand({ Description: 'eventline interop' }))).KeyMetadata
      ?.Arn as string;
  });

  for (const sample of cases) {
    const topic = uniqueName('fle.interop');
    const subject = `${topic}-value`;
    const rule = (): EncryptRule => ({
      tags: ['PII'],
      kekName: `interop-${sample.schemaType.toLowerCase()}`,
      kmsKeyId,
      dekExpiryDays: sample.dekExpiryDays,
    });
    const request = () => ({
      topic,
      schemaType: sample.schemaType,
      schema: sample.schema,
      rule: confluentEncryptRule(rule()),
      kek: { name: rule().kekName, kmsKeyId },
    });
    const target = () => ({ type: sample.schemaType, definition: sample.schema, subject, rule: rule() });

    it(`decrypts what confluent-kafka encrypted: ${sample.name}`, async () => {
      const written = (await python('write', { ...request(), value: order })) as {
        bytes: string;
        kek: Kek;
        dek: Omit<Dek, 'kekName' | 'subject' | 'algorithm'>;
      };
      const registry = new MemoryDekRegistry();
      await registry.registerKek(written.kek);
      registry.deks.set(`${written.kek.name}/${subject}`, [
        { ...written.dek, kekName: written.kek.name, subject, algorithm: 'AES256_GCM' },
      ]);
      const bytes = Buffer.from(written.bytes, 'base64');
      const serde = createSerde({
        registry: { kind: 'confluent', url: 'http://unused' },
        client: fixedSchemaClient({ type: sample.schemaType, definition: sample.schema }),
      });

      const decoded = await serde.decode(bytes);
      const opened = await new FieldEncryptor(new DekKeyring({ registry, kek: awsKmsKek(kms) })).decrypt(
        decoded.value,
        target(),
      );

      expect(bytes.includes(order.customerEmail)).toBe(false);
      expect(decoded.value).not.toEqual(order);
      expect(opened).toEqual(order);
    });

    it(`encrypts what confluent-kafka decrypts: ${sample.name}`, async () => {
      const registry = new MemoryDekRegistry();
      const sealed = await new FieldEncryptor(new DekKeyring({ registry, kek: awsKmsKek(kms) })).encrypt(
        order,
        target(),
      );
      const scratch = new Scratch();
      const header = encodeConfluentV0Header(1);
      scratch.ensure(header.length, 0);
      header.copy(scratch.buf, 0);
      const end = new CodecRegistry()
        .codec(sample.schemaType, sample.schema)
        .writer('confluent')
        .write(sealed, scratch, header.length);
      const bytes = Buffer.from(scratch.buf.subarray(0, end));

      const read = (await python('read', {
        ...request(),
        bytes: bytes.toString('base64'),
        deks: registry.deks.get(`${rule().kekName}/${subject}`),
      })) as { value: unknown };

      expect(bytes.includes(order.customerEmail)).toBe(false);
      expect(read.value).toEqual(order);
    });
  }
});
