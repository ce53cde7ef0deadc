import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfluentRegistryClient, DekRegistryClient } from '../../../functions/lib/registry/index.js';
import type { SchemaType } from '../../../functions/lib/schema/index.js';
import {
  awsKmsKek,
  confluentEncryptRule,
  DekKeyring,
  type EncryptRule,
  FieldEncryptor,
  httpDekRegistry,
} from '../../../functions/lib/serde/encryption/index.js';
import { CodecTable, createSerde, Scratch } from '../../../functions/lib/serde/index.js';
import { stackEnv } from '../../../local/stack/env.js';
import { ensureVenv } from '../../../local/stack/python.js';
import { localClientConfig, uniqueName } from '../../support/local-aws.js';
import { type RunningRegistry, startRegistry, testResources } from '../registry-service/support.js';

const run = promisify(execFile);
const script = join(import.meta.dirname, 'confluent_encryption.py');
const kms = new KMSClient(localClientConfig('moto'));
const resources = testResources();
let server: RunningRegistry;

/** A field encryptor of Eventline's, with DEKs in the registry service and the KEK in moto's KMS. */
function encryptor(): FieldEncryptor {
  const registry = httpDekRegistry(new DekRegistryClient({ url: server.url }));
  return new FieldEncryptor(new DekKeyring({ registry, kek: awsKmsKek(kms) }));
}

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

describe('Field encryption interop with confluent-kafka (Python, AWS KMS driver on moto, the registry service)', () => {
  let kmsKeyId: string;
  beforeAll(async () => {
    server = await startRegistry(resources);
    kmsKeyId = (await kms.send(new CreateKeyCommand({ Description: 'eventline interop' }))).KeyMetadata
      ?.Arn as string;
  });
  afterAll(async () => {
    await server?.close();
    await resources.drop();
  });

  for (const sample of cases) {
    // Each direction its own topic, so the DEKs each side reads are the ones the other side made.
    const topics = { fromPython: uniqueName('fle.interop.py'), fromEventline: uniqueName('fle.interop.el') };
    const rule = (topic: string): EncryptRule => ({
      tags: ['PII'],
      kekName: `interop-${sample.schemaType.toLowerCase()}-${topic.replace(/[^A-Za-z0-9]/g, '')}`,
      kmsKeyId,
      dekExpiryDays: sample.dekExpiryDays,
    });
    const request = (topic: string) => ({
      url: server.url,
      topic,
      schemaType: sample.schemaType,
      schema: sample.schema,
    });
    const target = (topic: string) => ({
      type: sample.schemaType,
      definition: sample.schema,
      subject: `${topic}-value`,
      rule: rule(topic),
    });

    it(`decrypts what confluent-kafka encrypted: ${sample.name}`, async () => {
      const topic = topics.fromPython;
      const written = (await python('write', {
        ...request(topic),
        rule: confluentEncryptRule(rule(topic)),
        value: order,
      })) as { bytes: string };
      const bytes = Buffer.from(written.bytes, 'base64');
      const serde = createSerde({ registry: { kind: 'confluent', url: server.url } });

      const decoded = await serde.decode(bytes);
      const opened = await encryptor().decrypt(decoded.value, target(topic));

      expect(bytes.includes(order.customerEmail)).toBe(false);
      expect(decoded.value).not.toEqual(order);
      expect(opened).toEqual(order);
    });

    it(`encrypts what confluent-kafka decrypts: ${sample.name}`, async () => {
      const topic = topics.fromEventline;
      const registered = await new ConfluentRegistryClient({ url: server.url }).register(`${topic}-value`, {
        type: sample.schemaType,
        definition: sample.schema,
        ruleSet: { domainRules: [confluentEncryptRule(rule(topic))] },
      });
      const sealed = await encryptor().encrypt(order, target(topic));
      const scratch = new Scratch();
      // Confluent's framing, spelled out: magic byte 0, then the schema id as a big-endian int32.
      const header = Buffer.alloc(5);
      header.writeUInt32BE(registered.id as number, 1);
      scratch.ensure(header.length, 0);
      header.copy(scratch.buf, 0);
      const end = new CodecTable()
        .codec(sample.schemaType, sample.schema)
        .writer('confluent')
        .write(sealed, scratch, header.length);
      const bytes = Buffer.from(scratch.buf.subarray(0, end));

      const read = (await python('read', { ...request(topic), bytes: bytes.toString('base64') })) as {
        value: unknown;
      };

      expect(bytes.includes(order.customerEmail)).toBe(false);
      expect(read.value).toEqual(order);
    });
  }
});
