import {
  GetBootstrapBrokersCommand,
  type GetBootstrapBrokersCommandOutput,
  KafkaClient,
} from '@aws-sdk/client-kafka';
import { KafkaBootstrapError } from './errors.js';
import type { KafkaAuthMode, KafkaConnectionOptions } from './types.js';

// Per container: brokers of a cluster do not change while a Lambda container lives, and
// looking them up on every invocation would add an MSK API call to each batch.
const cache = new Map<string, Promise<string[]>>();

/** The bootstrap brokers to use: the override when given, else MSK's GetBootstrapBrokers (cached). */
export async function resolveBootstrapBrokers(options: KafkaConnectionOptions): Promise<string[]> {
  if (options.brokers && options.brokers.length > 0) return [...options.brokers];
  if (!options.clusterArn) {
    throw new KafkaBootstrapError('no Kafka brokers: give either brokers or the MSK clusterArn', {
      retryable: false,
    });
  }
  const auth = authMode(options);
  const key = `${options.clusterArn}|${auth}|${options.mskEndpoint ?? ''}`;
  let brokers = cache.get(key);
  if (!brokers) {
    brokers = lookup(options.clusterArn, auth, options);
    cache.set(key, brokers);
    // A failed lookup must not poison the container: forget it so the next call asks again.
    brokers.catch(() => cache.delete(key));
  }
  return brokers;
}

export function authMode(options: KafkaConnectionOptions): KafkaAuthMode {
  return options.auth ?? (options.brokers && options.brokers.length > 0 ? 'plaintext' : 'iam');
}

async function lookup(
  clusterArn: string,
  auth: KafkaAuthMode,
  options: KafkaConnectionOptions,
): Promise<string[]> {
  const client = new KafkaClient({
    ...(options.region ? { region: options.region } : {}),
    ...(options.mskEndpoint ? { endpoint: options.mskEndpoint } : {}),
  });
  let answer: GetBootstrapBrokersCommandOutput;
  try {
    answer = await client.send(new GetBootstrapBrokersCommand({ ClusterArn: clusterArn }));
  } catch (error) {
    throw new KafkaBootstrapError(`GetBootstrapBrokers failed for ${clusterArn}`, { cause: error });
  } finally {
    client.destroy();
  }
  const list = auth === 'iam' ? answer.BootstrapBrokerStringSaslIam : answer.BootstrapBrokerString;
  if (!list) {
    throw new KafkaBootstrapError(
      `cluster ${clusterArn} has no ${auth === 'iam' ? 'IAM (SASL/IAM)' : 'plaintext'} bootstrap brokers; enable that access mode on the cluster`,
      { retryable: false },
    );
  }
  return list.split(',').map((broker) => broker.trim());
}
