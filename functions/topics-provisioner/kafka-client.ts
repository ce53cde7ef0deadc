import { generateAuthToken } from 'aws-msk-iam-sasl-signer-js';
import { Kafka, logLevel } from 'kafkajs';

export interface KafkaClientOptions {
  readonly brokers: readonly string[];
  /** `iam`: TLS and SASL/OAUTHBEARER signed with the function's role (MSK); `none`: plaintext (local broker). */
  readonly auth: 'iam' | 'none';
  /** Region the MSK IAM token is signed for; required with `auth: 'iam'`. */
  readonly region?: string;
}

/** A kafkajs client for admin work, authenticated the way MSK with IAM access control expects. */
export function createKafka(options: KafkaClientOptions): Kafka {
  const base = {
    clientId: 'eventline-topics-provisioner',
    brokers: [...options.brokers],
    logLevel: logLevel.WARN,
  };
  if (options.auth === 'none') return new Kafka(base);
  const region = options.region;
  if (!region) throw new Error('createKafka: region is required for IAM authentication');
  return new Kafka({
    ...base,
    ssl: true,
    sasl: {
      mechanism: 'oauthbearer',
      oauthBearerProvider: async () => ({ value: (await generateAuthToken({ region })).token }),
    },
  });
}
