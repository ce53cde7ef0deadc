import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  defaultMaxLagSeconds,
  defaultSchemasDir,
  InvalidManifestError,
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

  it('reads owner, classification and retention of each topic, and derives retention.ms from retentionDays', () => {
    const manifest = loadManifest();

    const placed = manifest.topic('orders.order.placed');

    expect(placed.owner).toBe('@eventline/orders');
    expect(placed.classification).toBe('confidential');
    expect(placed.config['retention.ms']).toBe(String(placed.retentionDays * 86_400_000));
    expect(manifest.topic('fulfilment.request.created').owner).toBe('@eventline/fulfilment');
    expect(manifest.governance.privacyTeam).toBe('@eventline/privacy');
  });

  it("gives an encryption rule the PII tag by default and keeps the topic's KEK and DEK expiry", () => {
    const dir = copyOfSchemas();
    const raw = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    raw.topics[1].value.encryption = { kek: 'orders-pii' };
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(raw));

    const manifest = loadManifest(dir);

    expect(manifest.topics[1]?.value.encryption).toEqual({ kek: 'orders-pii', tags: ['PII'] });
    expect(manifest.topic('orders.order.placed').value.encryption).toEqual({
      kek: 'orders-pii',
      tags: ['PII'],
      dekExpiryDays: 30,
    });
  });

  it('names a topic without an owner and says what to add', () => {
    const dir = copyOfSchemas();
    const raw = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    delete raw.topics[2].owner;
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(raw));

    expect(() => loadManifest(dir)).toThrow(InvalidManifestError);
    expect(() => loadManifest(dir)).toThrow(
      /topic "orders.order.cancelled" has no owner: add "owner": "@org\/team"/,
    );
  });

  it('refuses a config retention.ms that contradicts retentionDays, and accepts one that repeats it', () => {
    const dir = copyOfSchemas();
    const raw = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    raw.topics[0].retentionDays = 2;
    raw.topics[0].config = { 'retention.ms': '172800000', 'cleanup.policy': 'delete' };
    raw.topics[1].config = { 'retention.ms': '1000' };
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(raw));
    expect(() => loadManifest(dir)).toThrow(
      /topic "orders.order.paid" has config retention.ms 1000 but retentionDays 7 .*remove config\["retention.ms"\]/,
    );

    delete raw.topics[1].config;
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(raw));
    const manifest = loadManifest(dir);

    expect(manifest.topics[0]?.config).toEqual({ 'retention.ms': '172800000', 'cleanup.policy': 'delete' });
  });

  it('refuses an encryption rule naming a KEK that governance.keks does not declare', () => {
    const dir = copyOfSchemas();
    const raw = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    raw.topics[0].value.encryption.kek = 'payments-pii';
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(raw));

    expect(() => loadManifest(dir)).toThrow(/KEK "payments-pii".*declared: orders-pii/);
  });

  it('rejects an unknown classification', () => {
    const dir = copyOfSchemas();
    const raw = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    raw.topics[0].classification = 'secret';
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(raw));

    expect(() => loadManifest(dir)).toThrow(/\/topics\/0\/classification/);
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
