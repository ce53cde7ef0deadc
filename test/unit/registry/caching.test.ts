import { describe, expect, it } from 'vitest';
import { CachedRegistryClient, GlueRegistryClient } from '../../../functions/lib/registry/index.js';
import { TtlCache } from '../../../functions/lib/registry/ttl-cache.js';
import { awsError, FakeGlue, fastTimings } from './fake-glue.js';

const versionOf = (id: string) => ({
  SchemaVersionId: id,
  VersionNumber: 1,
  Status: 'AVAILABLE',
  DataFormat: 'AVRO',
  SchemaDefinition: '"string"',
  SchemaArn: 'arn:aws:glue:us-east-1:123456789012:schema/eventline/pings-value',
});

/** A fake whose GetSchemaVersion answers only when released, and which records how many calls overlap. */
function slowGlue() {
  const waiting: (() => void)[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const glue = new FakeGlue({
    GetSchemaVersion: async (input) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise<void>((resolve) => waiting.push(resolve));
      inFlight -= 1;
      return versionOf(input.SchemaVersionId as string);
    },
  });
  const releaseAll = async () => {
    while (glue.count('GetSchemaVersion') === 0 || waiting.length > 0 || inFlight > 0) {
      waiting.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { glue, releaseAll, maxInFlight: () => maxInFlight };
}

describe('CachedRegistryClient', () => {
  it('answers N concurrent getById misses for one id with one Glue call', async () => {
    const { glue, releaseAll } = slowGlue();
    const client = new CachedRegistryClient(
      new GlueRegistryClient({ registryName: 'eventline', glue, ...fastTimings }),
    );

    const pending = Array.from({ length: 20 }, () => client.getById('id-1'));
    await releaseAll();
    const schemas = await Promise.all(pending);
    await client.getById('id-1');

    expect(new Set(schemas.map((s) => s.id))).toEqual(new Set(['id-1']));
    expect(glue.count('GetSchemaVersion')).toBe(1);
  });

  it('shares a failed miss with every waiter and asks again next time', async () => {
    let attempts = 0;
    const glue = new FakeGlue({
      GetSchemaVersion: async (input) => {
        attempts += 1;
        await new Promise((resolve) => setImmediate(resolve));
        if (attempts === 1) throw awsError('EntityNotFoundException');
        return versionOf(input.SchemaVersionId as string);
      },
    });
    const client = new CachedRegistryClient(
      new GlueRegistryClient({ registryName: 'eventline', glue, ...fastTimings }),
    );

    const first = await Promise.allSettled([client.getById('id-1'), client.getById('id-1')]);
    const later = await client.getById('id-1');

    expect(first.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(later.id).toBe('id-1');
    expect(glue.count('GetSchemaVersion')).toBe(2);
  });

  it('keeps at most maxConcurrentCalls Glue calls in flight during a cold start', async () => {
    const { glue, releaseAll, maxInFlight } = slowGlue();
    const client = new GlueRegistryClient({
      registryName: 'eventline',
      glue,
      maxConcurrentCalls: 3,
      ...fastTimings,
    });

    const pending = Array.from({ length: 12 }, (_, i) => client.getById(`id-${i}`));
    await releaseAll();
    const schemas = await Promise.all(pending);

    expect(schemas).toHaveLength(12);
    expect(glue.count('GetSchemaVersion')).toBe(12);
    expect(maxInFlight()).toBe(3);
  });

  it('asks the registry again once an entry has outlived its TTL', async () => {
    let now = 0;
    const glue = new FakeGlue({ GetSchemaVersion: (input) => versionOf(input.SchemaVersionId as string) });
    const client = new CachedRegistryClient(new GlueRegistryClient({ registryName: 'eventline', glue }), {
      ttlMs: 1000,
      now: () => now,
    });

    await client.getById('id-1');
    now = 999;
    await client.getById('id-1');
    now = 2000;
    await client.getById('id-1');

    expect(glue.count('GetSchemaVersion')).toBe(2);
  });
});

describe('TtlCache', () => {
  it('drops the least recently used entry when full', () => {
    const cache = new TtlCache<string, number>({ ttlMs: 60_000, maxEntries: 2 });
    cache.set('a', 1);
    cache.set('b', 2);

    cache.get('a');
    cache.set('c', 3);

    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
    expect(cache.size).toBe(2);
  });

  it('forgets an entry after its TTL', () => {
    let now = 0;
    const cache = new TtlCache<string, number>({ ttlMs: 100, maxEntries: 10, now: () => now });
    cache.set('a', 1);

    now = 100;

    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
