import type { MSKEvent } from 'aws-lambda';
import { Kafka, logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import type { TriggerObservation } from '../../../local/triggers/index.js';
import { localEndpoints, uniqueName } from '../../support/local-aws.js';
import { waitFor } from '../../support/wait-for.js';
import { kafkaFixture, triggerFixture, values } from './kafka-support.js';

// The broker's smallest session (group.min.session.timeout.ms), so a blocked member expires quickly.
const sessionTimeout = 6000;
const { kafka, topicWith, committed } = kafkaFixture('trigger-recovery-test');
const shortSession = new Kafka({
  clientId: 'trigger-recovery-test',
  brokers: localEndpoints.kafkaBrokers,
  logLevel: logLevel.NOTHING,
});
const consumer = shortSession.consumer.bind(shortSession);
shortSession.consumer = (config) =>
  consumer({ ...config, sessionTimeout, heartbeatInterval: 500, rebalanceTimeout: sessionTimeout });

describe('KafkaTrigger recovery', () => {
  const start = triggerFixture(kafka);

  // Lambda holds a partition for the whole invocation (up to the function timeout); a member that
  // stops heartbeating loses it, its commit is refused and the batch comes back a second time.
  it('keeps its partition through an invocation longer than the session timeout: every record once', async () => {
    const topic = await topicWith(4);
    const groupId = uniqueName('g');
    const seen: string[] = [];

    await start({
      kafka: shortSession,
      topics: [topic],
      groupId,
      timeoutMs: 30_000,
      handler: async (event: MSKEvent) => {
        if (seen.length === 0) await new Promise((r) => setTimeout(r, sessionTimeout + 3000));
        seen.push(...values(event));
      },
    });
    // The coordinator refuses a commit from a member that lost its partition, so the batch's second
    // delivery, had there been one, ran before the commit that reaches the end.
    await waitFor(async () => (await committed(groupId, topic)) === '4', { what: 'the commit' });

    expect(seen).toEqual(['v0', 'v1', 'v2', 'v3']);
  });

  // Lambda's poller never stops; kafkajs does not restart a consumer after a non-retriable error
  // thrown out of eachBatch (here an observer that throws a TypeError).
  it('rejoins after a consumer crash kafkajs does not restart, reports it and delivers every record', async () => {
    const topic = await topicWith(3);
    const groupId = uniqueName('g');
    const observations: TriggerObservation[] = [];
    const delivered: string[][] = [];

    await start({
      kafka,
      topics: [topic],
      groupId,
      maximumRetryAttempts: 0,
      observer: (o) => {
        observations.push(o);
        if (o.type === 'discarded' && observations.filter((x) => x.type === 'discarded').length === 1) {
          throw new TypeError('observer broke');
        }
      },
      handler: async (event: MSKEvent) => {
        delivered.push(values(event));
        if (delivered.length === 1) throw new Error('first invocation fails');
      },
    });
    await waitFor(async () => (await committed(groupId, topic)) === '3', {
      what: 'the commit after the restart',
    });

    expect(delivered.at(-1)).toEqual(['v0', 'v1', 'v2']);
    expect(
      observations.filter((o) => o.type === 'poll-error').map((o) => (o as { error: Error }).error.message),
    ).toEqual([expect.stringContaining('observer broke')]);
  });
});
