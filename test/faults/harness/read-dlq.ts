import { readHeader } from '../../../functions/lib/envelope/index.js';
import { uniqueName } from '../../support/local-aws.js';
import { kafka } from './resources.js';

export interface DlqSighting {
  readonly eventId: string;
  readonly reason: string;
}

/** Every record of the DLQ topic up to its current end, by event id and `dlq-reason`. */
export async function readDlq(topic: string): Promise<DlqSighting[]> {
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const remaining = new Map(offsets.map((o) => [o.partition, Number(o.high)]));
  const sightings: DlqSighting[] = [];
  if ([...remaining.values()].every((high) => high === 0)) return sightings;
  const consumer = kafka.consumer({ groupId: uniqueName('faults-dlq-reader'), maxWaitTimeInMs: 100 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            const headers = message.headers ?? {};
            sightings.push({
              eventId: String(readHeader(headers, 'event-id')),
              reason: String(readHeader(headers, 'dlq-reason')),
            });
            if (Number(message.offset) + 1 >= (remaining.get(partition) ?? 0)) remaining.delete(partition);
            if ([...remaining.values()].every((high) => high === 0) || remaining.size === 0) resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return sightings;
}
