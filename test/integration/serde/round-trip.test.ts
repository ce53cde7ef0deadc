import { DeleteRegistryCommand, GlueClient } from '@aws-sdk/client-glue';
import { afterAll, describe, expect, it } from 'vitest';
import type { RegistryOptions } from '../../../functions/lib/registry/index.js';
import { ConfluentRegistryClient, GlueRegistryClient } from '../../../functions/lib/registry/index.js';
import type { SchemaRegistryClient } from '../../../functions/lib/registry/types.js';
import type { Compression } from '../../../functions/lib/serde/index.js';
import { createSerde } from '../../../functions/lib/serde/index.js';
import { localClientConfig, localEndpoints, uniqueName } from '../../support/local-aws.js';
import { orderPlaced, samples, schemaFile } from '../../unit/serde/samples.js';

const glueRegistry = uniqueName('serde-it');
const glue = new GlueClient(localClientConfig('glue'));

afterAll(async () => {
  await glue
    .send(new DeleteRegistryCommand({ RegistryId: { RegistryName: glueRegistry } }))
    .catch(() => undefined);
});

interface Target {
  readonly name: string;
  readonly registry: RegistryOptions;
  readonly compression: Compression;
  /** A fresh client each call, so a reader really asks the registry for the writer's schema. */
  client(): SchemaRegistryClient;
}

const targets: readonly Target[] = [
  {
    name: 'Apicurio (Confluent framing)',
    registry: { kind: 'confluent', url: localEndpoints.apicurioUrl },
    compression: 'none',
    client: () => new ConfluentRegistryClient({ url: localEndpoints.apicurioUrl }),
  },
  ...(['none', 'zlib'] as const).map(
    (compression): Target => ({
      name: `moto Glue (Glue framing, ${compression})`,
      registry: { kind: 'glue', registryName: glueRegistry },
      compression,
      client: () => new GlueRegistryClient({ registryName: glueRegistry, glue }),
    }),
  ),
];

describe('Serde against real registries', () => {
  for (const target of targets) {
    describe(target.name, () => {
      for (const sample of samples) {
        it(`registers, encodes and decodes ${sample.name} through the registry`, async () => {
          const topic = uniqueName(`serde.${sample.name}`);
          const writer = createSerde({
            registry: target.registry,
            client: target.client(),
            autoRegister: true,
            compression: target.compression,
          });
          const reader = createSerde({ registry: target.registry, client: target.client() });

          const bytes = await writer.encode(sample.value, {
            topic,
            schema: sample.schema,
            message: sample.message,
          });
          const decoded = await reader.decode(bytes);

          expect(decoded.value).toEqual(sample.value);
          expect(decoded).toMatchObject({
            format: target.registry.kind === 'glue' ? 'glue' : 'confluent',
            compression: target.compression,
            schemaType: sample.schema.type,
          });
        });
      }

      it('reads order-placed v1 records into the current schema after the defaulted field was added', async () => {
        const topic = uniqueName('serde.orders.order.placed');
        const v1 = { type: 'AVRO', definition: schemaFile('schemas/orders/order-placed.v1.avsc') } as const;
        const current = { type: 'AVRO', definition: schemaFile('schemas/orders/order-placed.avsc') } as const;
        const { currency: _added, ...valueV1 } = orderPlaced;
        const writer = createSerde({
          registry: target.registry,
          client: target.client(),
          autoRegister: true,
        });
        const old = await writer.encode(valueV1, { topic, schema: v1 });
        const now = await writer.encode({ ...orderPlaced, currency: 'USD' }, { topic, schema: current });
        const reader = createSerde({ registry: target.registry, client: target.client() });

        const values = await Promise.all(
          [old, now].map(async (b) => (await reader.decode(b, { readerSchema: current.definition })).value),
        );

        // The PII fields added since v1 are optional: absent from both records, they read as null.
        const unset = { customerEmail: null, shippingAddress: null };
        expect(values).toEqual([
          { ...valueV1, currency: 'EUR', ...unset },
          { ...orderPlaced, currency: 'USD', ...unset },
        ]);
      });

      it('encodes with the latest registered version when no schema is given', async () => {
        const sample = samples[0] as (typeof samples)[number];
        const topic = uniqueName('serde.latest');
        await target.client().register(`${topic}-value`, sample.schema);
        const serde = createSerde({ registry: target.registry, client: target.client() });

        const bytes = await serde.encode(sample.value, { topic });

        expect((await serde.decode(bytes)).value).toEqual(sample.value);
      });

      it('fails non-retryably when the schema is not registered and auto-registration is off', async () => {
        const sample = samples[0] as (typeof samples)[number];
        const serde = createSerde({ registry: target.registry, client: target.client() });

        await expect(
          serde.encode(sample.value, { topic: uniqueName('serde.unknown'), schema: sample.schema }),
        ).rejects.toMatchObject({ retryable: false });
      });
    });
  }
});
