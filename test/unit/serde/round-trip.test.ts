import { describe, expect, it } from 'vitest';
import { MalformedRecordError, SerdeValidationError } from '../../../functions/lib/serde/errors.js';
import { createSerde } from '../../../functions/lib/serde/index.js';
import type { Compression, WireFormat } from '../../../functions/lib/serde/types.js';
import { InMemoryRegistry } from './in-memory-registry.js';
import { samples } from './samples.js';

const framings: ReadonlyArray<{
  wireFormat: WireFormat;
  compression: Compression;
  kind: 'confluent' | 'glue';
}> = [
  { wireFormat: 'confluent', compression: 'none', kind: 'confluent' },
  { wireFormat: 'glue', compression: 'none', kind: 'glue' },
  { wireFormat: 'glue', compression: 'zlib', kind: 'glue' },
];

function serdeFor(framing: (typeof framings)[number]) {
  const client = new InMemoryRegistry(framing.kind);
  const registry =
    framing.kind === 'glue'
      ? ({ kind: 'glue', registryName: 'test' } as const)
      : ({ kind: 'confluent', url: 'http://unused' } as const);
  const serde = createSerde({
    registry,
    client,
    wireFormat: framing.wireFormat,
    compression: framing.compression,
    autoRegister: true,
  });
  return { serde, client };
}

describe('Serde round trips', () => {
  for (const framing of framings) {
    for (const sample of samples) {
      it(`decodes what it encoded: ${sample.name} in ${framing.wireFormat} (${framing.compression})`, async () => {
        const { serde } = serdeFor(framing);

        const bytes = await serde.encode(sample.value, {
          topic: 'orders.test',
          schema: sample.schema,
          message: sample.message,
        });
        const decoded = await serde.decode(bytes);

        expect(decoded.value).toEqual(sample.value);
        expect(decoded.format).toBe(framing.wireFormat);
        expect(decoded.compression).toBe(framing.compression);
        expect(decoded.schemaType).toBe(sample.schema.type);
        expect(bytes[0]).toBe(framing.wireFormat === 'glue' ? 0x03 : 0x00);
      });
    }
  }

  it('makes no registry call for a warm batch, encode or decode', async () => {
    const { serde, client } = serdeFor(framings[0] as (typeof framings)[number]);
    const sample = samples[0] as (typeof samples)[number];
    const first = await serde.encode(sample.value, { topic: 'orders.test', schema: sample.schema });
    await serde.decode(first);
    const callsAfterWarmUp = client.calls.length;

    for (let i = 0; i < 50; i++) {
      const bytes = await serde.encode(sample.value, { topic: 'orders.test', schema: sample.schema });
      await serde.decode(bytes);
    }

    expect(client.calls.length).toBe(callsAfterWarmUp);
  });

  it('decodes synchronously once the schema is cached, and says when it is not', async () => {
    const writer = serdeFor(framings[1] as (typeof framings)[number]);
    const sample = samples[3] as (typeof samples)[number];
    const bytes = await writer.serde.encode(sample.value, {
      topic: 'orders.test',
      schema: sample.schema,
      message: sample.message,
    });
    const reader = createSerde({ registry: { kind: 'glue', registryName: 'test' }, client: writer.client });

    const cold = reader.decodeCached?.(bytes);
    const fetched = await reader.decode(bytes);
    const warm = reader.decodeCached?.(bytes);

    expect(cold).toBeUndefined();
    expect(warm).toEqual(fetched);
    expect(warm?.value).toEqual(sample.value);
    expect(() => reader.decodeCached?.(Buffer.from([0x7b]))).toThrow(/no known magic byte/);
  });

  it('encodes synchronously once the writer schema is resolved, as encode does, and says when it is not', async () => {
    for (const framing of framings) {
      const { serde } = serdeFor(framing);
      const sample = samples[0] as (typeof samples)[number];
      const options = { topic: 'orders.test', schema: sample.schema };

      const cold = serde.encodeCached?.(sample.value, options);
      const encoded = await serde.encode(sample.value, options);
      const warm = serde.encodeCached?.(sample.value, options);

      expect(cold).toBeUndefined();
      expect(warm).toEqual(encoded);
      expect((await serde.decode(warm as Buffer)).value).toEqual(sample.value);
      expect(() => serde.encodeCached?.({ not: 'an order' }, options)).toThrow(SerdeValidationError);
    }
  });

  it("follows an options object reused for another topic to that topic's schema id", async () => {
    const { serde } = serdeFor(framings[0] as (typeof framings)[number]);
    const sample = samples.find((s) => s.message !== undefined) as (typeof samples)[number];
    const options: { topic: string; schema: typeof sample.schema; message?: string } = {
      topic: 'orders.first',
      schema: sample.schema,
      message: sample.message,
    };

    const first = await serde.encode(sample.value, options);
    options.topic = 'orders.second';
    const second = await serde.encode(sample.value, options);

    expect(second.readInt32BE(1)).not.toBe(first.readInt32BE(1));
  });

  it('reads warm Confluent Protobuf records synchronously as decode does, and refuses cut ones', async () => {
    const { serde } = serdeFor(framings[0] as (typeof framings)[number]);
    const sample = samples.find((s) => s.schema.type === 'PROTOBUF') as (typeof samples)[number];
    const bytes = await serde.encode(sample.value, {
      topic: 'orders.test',
      schema: sample.schema,
      message: sample.message,
    });

    const warm = serde.decodeCached?.(bytes);

    expect(bytes[5]).toBe(0);
    expect(warm).toEqual(await serde.decode(bytes));
    expect(warm).toMatchObject({ format: 'confluent', schemaType: 'PROTOBUF', messageIndexes: [0] });
    expect(() => serde.decodeCached?.(bytes.subarray(0, bytes.length - 1))).toThrow(MalformedRecordError);
  });

  it('reads warm Confluent Avro records synchronously as decode does, and refuses trailing bytes', async () => {
    const { serde } = serdeFor(framings[0] as (typeof framings)[number]);
    const sample = samples[0] as (typeof samples)[number];
    const bytes = await serde.encode(sample.value, { topic: 'orders.test', schema: sample.schema });

    const warm = serde.decodeCached?.(bytes);

    expect(warm).toEqual(await serde.decode(bytes));
    expect(warm).toMatchObject({ format: 'confluent', schemaType: 'AVRO', value: sample.value });
    expect(() => serde.decodeCached?.(Buffer.concat([bytes, Buffer.from([0])]))).toThrow(/trailing bytes/);
    expect(() => serde.decodeCached?.(bytes.subarray(0, bytes.length - 1))).toThrow(MalformedRecordError);
  });

  it('reads warm Confluent JSON Schema records synchronously as decode does, validating when asked', async () => {
    const { serde } = serdeFor(framings[0] as (typeof framings)[number]);
    const sample = samples[1] as (typeof samples)[number];
    const bytes = await serde.encode(sample.value, { topic: 'orders.test', schema: sample.schema });
    const invalid = Buffer.concat([bytes.subarray(0, 5), Buffer.from('{"orderId":""}')]);

    const warm = serde.decodeCached?.(bytes, { validate: true });

    expect(warm).toEqual(await serde.decode(bytes, { validate: true }));
    expect(warm).toMatchObject({ format: 'confluent', schemaType: 'JSON', value: sample.value });
    expect(serde.decodeCached?.(invalid)?.value).toEqual({ orderId: '' });
    expect(() => serde.decodeCached?.(invalid, { validate: true })).toThrow(SerdeValidationError);
    expect(() => serde.decodeCached?.(bytes.subarray(0, bytes.length - 1))).toThrow(MalformedRecordError);
  });

  it('asks the registry once for an unknown id however many records wait for it', async () => {
    const writer = serdeFor(framings[0] as (typeof framings)[number]);
    const sample = samples[0] as (typeof samples)[number];
    const bytes = await writer.serde.encode(sample.value, { topic: 'orders.test', schema: sample.schema });
    const reader = createSerde({
      registry: { kind: 'confluent', url: 'http://unused' },
      client: writer.client,
    });
    writer.client.calls.length = 0;

    await Promise.all(Array.from({ length: 20 }, () => reader.decode(bytes)));

    expect(writer.client.calls).toEqual(['getById 1']);
  });

  it('uses the key subject for keys and the latest value version without a schema', async () => {
    const { serde, client } = serdeFor(framings[0] as (typeof framings)[number]);
    const sample = samples[0] as (typeof samples)[number];
    await serde.encode(sample.value, { topic: 'orders.test', schema: sample.schema });
    await serde.encode(sample.value, { topic: 'orders.test', schema: sample.schema, isKey: true });

    const bytes = await serde.encode(sample.value, { topic: 'orders.test' });

    expect(client.calls).toEqual([
      'register orders.test-value',
      'register orders.test-key',
      'getLatest orders.test-value',
    ]);
    expect((await serde.decode(bytes)).value).toEqual(sample.value);
  });

  it('looks the schema up instead of registering it when auto-registration is off', async () => {
    const client = new InMemoryRegistry('confluent');
    const serde = createSerde({ registry: { kind: 'confluent', url: 'http://unused' }, client });
    const sample = samples[0] as (typeof samples)[number];

    await expect(serde.encode(sample.value, { topic: 'orders.test', schema: sample.schema })).rejects.toThrow(
      /schema not found/,
    );
    expect(client.calls).toEqual(['lookup orders.test-value']);
  });

  it('names subjects by record with the RecordName and TopicRecordName strategies', async () => {
    const client = new InMemoryRegistry('confluent');
    const sample = samples[0] as (typeof samples)[number];
    const proto = samples[3] as (typeof samples)[number];
    for (const subjectStrategy of ['RecordName', 'TopicRecordName'] as const) {
      const serde = createSerde({
        registry: { kind: 'confluent', url: 'http://unused' },
        client,
        autoRegister: true,
        subjectStrategy,
      });
      await serde.encode(sample.value, { topic: 'orders.test', schema: sample.schema });
      await serde.encode(proto.value, { topic: 'orders.test', schema: proto.schema, message: proto.message });
    }

    expect(client.calls).toEqual([
      'register dev.eventline.orders.OrderPlaced',
      'register dev.eventline.test.Envelope.Header.Trace',
      'register orders.test-dev.eventline.orders.OrderPlaced',
      'register orders.test-dev.eventline.test.Envelope.Header.Trace',
    ]);
  });

  it('refuses to encode a value that does not match its schema, as non-retryable', async () => {
    const { serde } = serdeFor(framings[0] as (typeof framings)[number]);
    for (const sample of samples) {
      const bad = { ...(sample.value as object), orderId: 42, order_id: 42, trace_id: 42 };
      const error = await serde
        .encode(bad, { topic: 'orders.test', schema: sample.schema, message: sample.message })
        .catch((e: unknown) => e);
      expect(error, sample.name).toMatchObject({ name: 'SerdeValidationError', retryable: false });
    }
  });

  it('validates JSON payloads on decode only when asked', async () => {
    const { serde } = serdeFor(framings[0] as (typeof framings)[number]);
    const sample = samples[1] as (typeof samples)[number];
    const bytes = await serde.encode(sample.value, { topic: 'orders.test', schema: sample.schema });
    const tampered = Buffer.from(bytes.toString('latin1').replace('"f-9"', '"" '), 'latin1');

    await expect(serde.decode(tampered)).resolves.toMatchObject({ value: { fulfilmentId: '' } });
    await expect(serde.decode(tampered, { validate: true })).rejects.toMatchObject({
      name: 'SerdeValidationError',
      retryable: false,
    });
  });

  it('passes registry errors through with their own retryable flag', async () => {
    const client = new InMemoryRegistry('confluent');
    const unreachable = Object.assign(new Error('registry unreachable'), {
      name: 'RegistryUnavailableError',
      retryable: true,
    });
    client.getById = () => Promise.reject(unreachable);
    const serde = createSerde({ registry: { kind: 'confluent', url: 'http://unused' }, client });

    await expect(serde.decode(Buffer.from([0, 0, 0, 0, 9, 2]))).rejects.toBe(unreachable);
  });

  it('refuses to write the read-only Confluent v1 format', () => {
    expect(() =>
      createSerde({
        registry: { kind: 'confluent', url: 'http://unused' },
        client: new InMemoryRegistry('confluent'),
        wireFormat: 'confluent-v1',
      }),
    ).toThrow(/read, never written/);
  });
});
