import type { CompatibilityLevel } from '../schema/index.js';

/** Which registry a client talks to. */
export type RegistryOptions =
  | {
      readonly kind: 'confluent';
      readonly url: string;
      readonly auth?: { readonly username: string; readonly password: string };
    }
  | {
      readonly kind: 'glue';
      readonly registryName: string;
      /** Endpoint override for local runs (moto). */
      readonly endpoint?: string;
      readonly region?: string;
    };

/** TLS settings for an `https://` Confluent registry (PEM strings or buffers). */
export interface RegistryTlsOptions {
  readonly ca?: string | Buffer;
  readonly cert?: string | Buffer;
  readonly key?: string | Buffer;
  /** @default true */
  readonly rejectUnauthorized?: boolean;
}

/** How throttled (and unreachable) calls are retried: full jitter, exponential. */
export interface RetryOptions {
  /** Retries after the first attempt. @default 4 */
  readonly retries?: number;
  /** @default 100 */
  readonly baseDelayMs?: number;
  /** @default 2000 */
  readonly maxDelayMs?: number;
}

export interface CacheOptions {
  /** How long an entry is served without asking the registry again. @default 300000 (5 min) */
  readonly ttlMs?: number;
  /** Entries per cache; the least recently used go first. @default 1000 */
  readonly maxEntries?: number;
}

export interface ConfluentClientOptions {
  /** Base URL, e.g. `http://127.0.0.1:8081/apis/ccompat/v7`. */
  readonly url: string;
  readonly auth?: { readonly username: string; readonly password: string };
  readonly tls?: RegistryTlsOptions;
  /** Per-request timeout. @default 10000 */
  readonly timeoutMs?: number;
  readonly retry?: RetryOptions;
}

/** The slice of the AWS SDK GlueClient the Glue client uses (tests pass a fake). */
export interface GlueSender {
  send(command: object): Promise<unknown>;
}

export interface PendingWaitOptions {
  /** @default 200 */
  readonly initialDelayMs?: number;
  /** @default 2000 */
  readonly maxDelayMs?: number;
  /** Give up (RegistryTimeoutError, retryable) after this long. @default 60000 */
  readonly timeoutMs?: number;
}

export interface GlueClientOptions {
  readonly registryName: string;
  /** An SDK client to use; otherwise one is built from endpoint, region and credentials. */
  readonly glue?: GlueSender;
  /** Endpoint override for local runs (moto). */
  readonly endpoint?: string;
  readonly region?: string;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Compatibility of schemas this client creates. @default 'BACKWARD' */
  readonly defaultCompatibility?: CompatibilityLevel;
  /** Create the Glue registry on first register when it does not exist. @default true */
  readonly createRegistry?: boolean;
  /** Glue calls in flight at once, so a cold start of many consumers is not throttled. @default 4 */
  readonly maxConcurrentCalls?: number;
  readonly retry?: RetryOptions;
  readonly pendingWait?: PendingWaitOptions;
}

/** Settings beyond `RegistryOptions` that `createRegistryClient` accepts. */
export interface RegistryClientSettings {
  readonly tls?: RegistryTlsOptions;
  readonly cache?: CacheOptions;
  readonly retry?: RetryOptions;
  readonly credentials?: GlueClientOptions['credentials'];
  readonly defaultCompatibility?: CompatibilityLevel;
  readonly maxConcurrentCalls?: number;
  readonly pendingWait?: PendingWaitOptions;
}
