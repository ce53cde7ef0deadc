import { describe, expect, it } from 'vitest';
import { boundedRun } from './run-support.js';

/** Where consumers find the ENCRYPT rule: the registry service's rule set, or the manifest for Apicurio. */
const registries = ['apicurio', 'service'] as const;

describe('npm start -- --orders N: PII in the summary', () => {
  for (const registry of registries) {
    it(`with --registry ${registry}: no PII plaintext on Kafka or in the outbox stream, fulfilment reads every address in clear`, async () => {
      const orders = 12;

      const summary = await boundedRun([
        '--orders',
        String(orders),
        '--rate',
        '40',
        '--registry',
        registry,
        '--prefix',
        `eventline-pii-${registry}-${Date.now().toString(36)}`,
      ]);

      expect(summary, summary.stderr.slice(-2000)).toMatchObject({ ok: true, orders, projected: orders });
      expect(summary.pii.plaintextInKafka).toBe(0);
      expect(summary.pii.plaintextInOutboxStream).toBe(0);
      // Each order's OrderPlaced and OrderPaid (and its FulfilmentRequested) were scanned on Kafka
      // and in the stream: a 0 of something.
      expect(summary.pii.scanned.kafkaRecords).toBeGreaterThanOrEqual(2 * orders);
      expect(summary.pii.scanned.streamRecords).toBeGreaterThanOrEqual(2 * orders);
      expect(summary.pii.readInClearByFulfilment).toBe(orders);
    }, 200_000);
  }
});
