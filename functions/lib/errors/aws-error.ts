/** The part of the AWS SDK's ServiceException that every client's exceptions share. */
export interface AwsServiceError extends Error {
  readonly $metadata: { readonly httpStatusCode?: number; readonly requestId?: string };
  readonly $fault?: 'client' | 'server';
}

/**
 * Whether `error` is an AWS SDK service exception, and (when names are given) one of those.
 * Read by shape, `$metadata` and `name`, rather than `instanceof`, so an exception from another
 * copy or version of a client (a handler bundling its own SDK) is recognised the same way.
 *
 * @example
 * if (!isAwsError(error, 'ResourceInUseException')) throw error;
 */
export function isAwsError(error: unknown, ...names: readonly string[]): error is AwsServiceError {
  if (!(error instanceof Error)) return false;
  const metadata = (error as { $metadata?: unknown }).$metadata;
  if (typeof metadata !== 'object' || metadata === null) return false;
  return names.length === 0 || names.includes(error.name);
}

/** The first AWS SDK exception named `name` in `error`'s cause chain (wrappers keep it as `cause`). */
export function findAwsError(error: unknown, name: string): AwsServiceError | undefined {
  let current = error;
  for (let depth = 0; depth < 8 && current instanceof Error; depth++) {
    if (isAwsError(current, name)) return current;
    current = current.cause;
  }
  return undefined;
}
