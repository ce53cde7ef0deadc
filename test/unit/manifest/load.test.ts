import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  defaultMaxLagSeconds,
  defaultSchemasDir,
  loadManifest,
  ManifestError,
  UnknownEventTypeError,
} from '../../../functions/lib/manifest/index.js';

describe('loadManifest', () => {
  it('maps each event type to its topic, DLQ and schema text', () => {
    const manifest = loadManifest();

    const placed = manifest.topicForEvent('OrderPlaced');

    expect(placed.name).toBe('orders.order.placed');
    expect(placed.dlq).toBe('orders.order.placed.dlq');
    expect(placed.value.type).toBe('AVRO');
    expect(JSON.parse(placed.value.definition).name).toBe('OrderPlaced');
    expect(manifest.topicForEvent('OrderCancelled').value.message).toBe(
      'dev.eventline.orders.OrderCancelled',
    );
  });

  it('names the unknown event type and the known ones', () => {
    const manifest = loadManifest();

    expect(() => manifest.topicForEvent('OrderShipped')).toThrow(UnknownEventTypeError);
    expect(() => manifest.topicForEvent('OrderShipped')).toThrow(/OrderShipped.*known: OrderPlaced/);
  });

  it('rejects a manifest whose topic name breaks the naming contract', () => {
    const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
    cpSync(defaultSchemasDir, dir, { recursive: true });
    const raw = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    raw.topics[0].name = 'OrdersPlaced';
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(raw));

    expect(() => loadManifest(dir)).toThrow(ManifestError);
    expect(() => loadManifest(dir)).toThrow(/\/topics\/0\/name/);
  });

  it('reads the time lag threshold of each topic, and gives a topic without one the default', () => {
    const dir = copyOfSchemas();
    const raw = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    raw.topics[0].maxLagSeconds = 42;
    delete raw.topics[1].maxLagSeconds;
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(raw));

    const manifest = loadManifest(dir);

    expect(manifest.topics[0]?.maxLagSeconds).toBe(42);
    expect(manifest.topics[1]?.maxLagSeconds).toBe(defaultMaxLagSeconds);
  });

  it('rejects a time lag threshold below one second', () => {
    const dir = copyOfSchemas();
    const raw = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    raw.topics[0].maxLagSeconds = 0;
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(raw));

    expect(() => loadManifest(dir)).toThrow(/\/topics\/0\/maxLagSeconds/);
  });
});

function copyOfSchemas(): string {
  const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
  cpSync(defaultSchemasDir, dir, { recursive: true });
  return dir;
}
