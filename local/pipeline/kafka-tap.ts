import type { Consumer, Kafka } from 'kafkajs';
import { EnvelopeHeaders } from '../../functions/lib/envelope/index.js';
import type { Manifest } from '../../functions/lib/manifest/index.js';
import type { PiiScan } from './pii-scan.js';
import { ofRun } from './run-identity.js';
import type { PipelineStats } from './stats.js';

/**
 * A read-only consumer group on every event topic and DLQ: counts what the relay produced (and
 * how often: duplicates), what landed in the DLQs and why, for this run's aggregates only, and
 * hands each of their raw records to the PII scan.
 */
export class KafkaTap {
  private readonly consumer: Consumer;

  constructor(
    kafka: Kafka,
    groupId: string,
    private readonly manifest: Manifest,
    private readonly runId: string,
    private readonly stats: PipelineStats,
    private readonly pii: PiiScan,
  ) {
    this.consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  }

  async start(): Promise<void> {
    const joined = new Promise<void>((resolve) =>
      this.consumer.on(this.consumer.events.GROUP_JOIN, () => resolve()),
    );
    await this.consumer.connect();
    const dlqs = new Set(this.manifest.topics.map((t) => t.dlq));
    await this.consumer.subscribe({
      topics: this.manifest.topics.flatMap((t) => [t.name, t.dlq]),
      fromBeginning: false,
    });
    await this.consumer.run({
      partitionsConsumedConcurrently: 4,
      eachMessage: async ({ topic, partition, message }) => {
        // Every event record, whoever wrote it, ages the lag of the groups that have not read it yet.
        if (!dlqs.has(topic)) {
          this.stats.clock.seen(topic, partition, Number(message.offset), Number(message.timestamp));
        }
        const key = message.key?.toString();
        if (!ofRun(this.runId, key)) return;
        this.pii.kafkaRecord(key, message.value);
        const header = (name: string) => message.headers?.[name]?.toString();
        if (dlqs.has(topic)) {
          this.stats.add(this.stats.dlqByReason, header('dlq-reason') ?? 'unknown');
          return;
        }
        const eventId = header(EnvelopeHeaders.eventId);
        // Injected poison records carry no event the relay wrote; only relayed events count here.
        if (eventId && header(EnvelopeHeaders.source) !== 'poison-injector')
          this.stats.relayedOn(topic, eventId);
      },
    });
    await joined;
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}
