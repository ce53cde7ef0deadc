import type { logLevel, RetryOptions } from 'kafkajs';

export const KafkaAuthModes = { iam: 'iam', plaintext: 'plaintext' } as const;
export type KafkaAuthMode = (typeof KafkaAuthModes)[keyof typeof KafkaAuthModes];

/** Where the brokers are and how to reach them. */
export interface KafkaConnectionOptions {
  readonly clientId: string;
  /** Fixed bootstrap brokers (`host:port`); when set, no MSK lookup happens. */
  readonly brokers?: readonly string[];
  /** MSK cluster whose bootstrap brokers GetBootstrapBrokers returns; needed when `brokers` is not set. */
  readonly clusterArn?: string;
  /** `iam`: TLS + SASL OAUTHBEARER with a SigV4 token (MSK IAM). @default 'iam' with clusterArn, 'plaintext' with brokers */
  readonly auth?: KafkaAuthMode;
  /** Region of the cluster: signs IAM tokens and the MSK lookup. Required for `iam`. */
  readonly region?: string;
  /** Endpoint override for the MSK API (moto locally). */
  readonly mskEndpoint?: string;
  /** @default 3000 */
  readonly connectionTimeoutMs?: number;
  /** @default 10000 */
  readonly requestTimeoutMs?: number;
  /** @default logLevel.WARN */
  readonly logLevel?: logLevel;
  /** Connection-level retries (reconnects, metadata). @default kafkajs' own: 5 retries from 300 ms */
  readonly retry?: RetryOptions;
}

export interface ProducerOptions {
  /**
   * Retries inside one send, before the error surfaces (Lambda's own retry takes over then).
   * @default { retries: 3, initialRetryTime: 200, maxRetryTime: 2000 }
   */
  readonly retry?: RetryOptions;
}
