import { DeleteTableCommand, DynamoDBClient, paginateListTables } from '@aws-sdk/client-dynamodb';
import { Kafka, logLevel } from 'kafkajs';
import { readRecords } from '../../../local/kafka/read-records.js';
import { partitionRanges } from '../../../local/kafka/start-offsets.js';
import type { RunSummary } from '../../../local/pipeline/summary.js';
import { localClientConfig, localEndpoints } from '../../support/local-aws.js';
import { eventlineAsync } from '../cli/support.js';

/** A bounded run's JSON summary, as the pipeline prints it. */
export type { RunSummary };

/** Local speed-ups so a small bounded run takes seconds. */
const quick = ['--stream-poll-ms', '50', '--batching-window-ms', '50', '--timeout', '150'];

/** Runs `npm start -- --orders N …` and returns its one JSON summary line, parsed. */
export async function boundedRun(args: readonly string[]): Promise<RunSummary & { stderr: string }> {
  const run = await eventlineAsync(['start', ...quick, ...args]);
  const lines = run.stdout.trim().split('\n').filter(Boolean);
  if (run.code !== 0 || lines.length !== 1)
    throw new Error(`start ${args.join(' ')} exited ${run.code}: ${run.stdout}\n${run.stderr.slice(-3000)}`);
  return { ...(JSON.parse(lines[0] as string) as RunSummary), stderr: run.stderr };
}

/** The records on a topic since a time whose key starts with `keyPrefix`, as (key, event id) pairs. */
export async function recordsSince(
  topic: string,
  sinceMs: number,
  keyPrefix: string,
): Promise<{ key: string; eventId: string }[]> {
  const kafka = new Kafka({ brokers: [...localEndpoints.kafkaBrokers], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ranges = await partitionRanges(admin, topic, { kind: 'timestamp', millis: sinceMs });
    const found: { key: string; eventId: string }[] = [];
    await readRecords(
      kafka,
      ranges.map((range) => ({ topic, ...range })),
      ({ message }) => {
        const key = message.key?.toString() ?? '';
        if (key.startsWith(keyPrefix))
          found.push({ key, eventId: message.headers?.['event-id']?.toString() ?? '' });
      },
    );
    return found;
  } finally {
    await admin.disconnect();
  }
}

/** Drops every table under a prefix (runs started with `--keep`). */
export async function dropPrefixTables(prefix: string): Promise<void> {
  const dynamodb = new DynamoDBClient(localClientConfig('dynamodb'));
  for await (const page of paginateListTables({ client: dynamodb }, {})) {
    for (const table of page.TableNames ?? []) {
      if (table.startsWith(`${prefix}-`)) await dynamodb.send(new DeleteTableCommand({ TableName: table }));
    }
  }
  dynamodb.destroy();
}
