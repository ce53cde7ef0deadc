/**
 * The fault suite's consumer: the consumer library as every shipped consumer uses it (runtime
 * from the template's environment, decode, idempotency, DLQ routing), with one side effect the
 * checker can count, the ledger. The harness declares it in a copy of the CDK app the way the
 * README adds a consumer (harness/app.ts), so the suite runs its staged bundle from cdk.out.
 */

import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@aws-lambda-powertools/logger';
import { type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { parseConsumerConfig, requiredEnv } from '../../../functions/lib/consumer/config.js';
import { kafkaConsumer } from '../../../functions/lib/consumer/index.js';
import { consumerRuntime } from '../../../functions/lib/consumer/runtime.js';
import { readHeader } from '../../../functions/lib/envelope/index.js';
import { isAwsError } from '../../../functions/lib/errors/index.js';
import { SEQ_HEADER } from '../harness/config.js';
import { applyEffect } from '../harness/ledger.js';
import { FaultsEnv } from './env.js';

const config = parseConsumerConfig(process.env);
const ledgerTable = requiredEnv(process.env, FaultsEnv.ledgerTable);
const slowRate = Number(process.env[FaultsEnv.slowRate] ?? 0);
const slowMs = Number(process.env[FaultsEnv.slowMs] ?? 0);
const withoutIdempotency = process.env[FaultsEnv.withoutIdempotency] === 'true';
const runtime = await consumerRuntime(config);

/** Stable per event id, so "slow" picks the same events in every process of a run. */
function share(eventId: string): number {
  return createHash('sha1').update(eventId).digest().readUInt16BE(0) / 0x10000;
}

/**
 * True on an event's first run only. Kept in the ledger table, not in memory: a timed-out
 * invocation ends its execution environment, and the retry must find the mark in a new one.
 */
async function firstRun(client: DynamoDBClient, eventId: string): Promise<boolean> {
  try {
    await client.send(
      new PutItemCommand({
        TableName: ledgerTable,
        Item: { pk: { S: `slow#${eventId}` } },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (isAwsError(error, 'ConditionalCheckFailedException')) return false;
    throw error;
  }
}

/** MSK trigger on the run's topic: one ledger effect per event, fenced by the claim's completion. */
export const handler = kafkaConsumer({
  consumerGroup: config.consumerGroup,
  logger: new Logger({ serviceName: 'faults-ledger' }),
  serde: runtime.serde,
  dlq: runtime.dlq,
  ...(withoutIdempotency ? {} : { idempotency: runtime.idempotency }),
  handler: async (record) => {
    const eventId = record.envelope?.eventId ?? String(readHeader(record.headers, 'event-id'));
    if (slowRate > 0 && share(eventId) < slowRate && (await firstRun(runtime.dynamodb, eventId))) {
      // Outlive the invocation: the trigger gives up on it and Lambda ends its environment.
      await sleep(slowMs);
    }
    // With idempotency on, the ledger write and the claim's completion commit together (fencing).
    await applyEffect(
      runtime.dynamodb,
      ledgerTable,
      { eventId, aggregateId: String(record.key), seq: Number(readHeader(record.headers, SEQ_HEADER)) },
      record.completion,
    );
  },
});
