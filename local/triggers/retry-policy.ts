/**
 * The error-handling settings Lambda's stream and Kafka event source mappings share
 * (DynamoDB: https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html,
 * Kafka: https://docs.aws.amazon.com/lambda/latest/dg/kafka-retry-configurations.html).
 */
export interface RetryPolicy {
  /** Retries after the first attempt; -1 retries until the record expires. @default -1 */
  readonly maximumRetryAttempts?: number;
  /** Records older than this are discarded, not sent; -1 means no bound. @default -1 */
  readonly maximumRecordAgeSeconds?: number;
  /** Split a failed batch in two and retry each half (BisectBatchOnFunctionError). @default false */
  readonly bisectBatchOnFunctionError?: boolean;
  /** Honour `batchItemFailures` in the response (FunctionResponseTypes: ReportBatchItemFailures). @default false */
  readonly reportBatchItemFailures?: boolean;
  /** Pause between retries, so a failing handler does not spin a core. @default 0 */
  readonly retryDelayMs?: number;
}

export interface ResolvedRetryPolicy {
  readonly maximumRetryAttempts: number;
  readonly maximumRecordAgeMs: number;
  readonly bisectBatchOnFunctionError: boolean;
  readonly reportBatchItemFailures: boolean;
  readonly retryDelayMs: number;
}

export function resolveRetryPolicy(policy: RetryPolicy = {}): ResolvedRetryPolicy {
  const age = policy.maximumRecordAgeSeconds ?? -1;
  return {
    maximumRetryAttempts: policy.maximumRetryAttempts ?? -1,
    maximumRecordAgeMs: age < 0 ? -1 : age * 1000,
    bisectBatchOnFunctionError: policy.bisectBatchOnFunctionError ?? false,
    reportBatchItemFailures: policy.reportBatchItemFailures ?? false,
    retryDelayMs: policy.retryDelayMs ?? 0,
  };
}
