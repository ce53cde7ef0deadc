import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { localAws } from '../stack/config.js';

export interface LambdaContextOptions {
  readonly functionName: string;
  /** Per-invocation timeout; getRemainingTimeInMillis counts down from it. */
  readonly timeoutMs: number;
  /** @default a random UUID, like Lambda's awsRequestId */
  readonly requestId?: string;
  /** @default 1024 */
  readonly memoryLimitInMB?: number;
  /** @default Date.now */
  readonly now?: () => number;
}

/**
 * A Lambda `Context` (the `@types/aws-lambda` interface, fields as the Node.js runtime sets
 * them: https://docs.aws.amazon.com/lambda/latest/dg/nodejs-context.html) for one invocation.
 */
export function createLambdaContext(options: LambdaContextOptions): Context {
  const now = options.now ?? Date.now;
  const deadline = now() + options.timeoutMs;
  const notSupported = () => {
    throw new Error('context.done/fail/succeed are not supported: return or throw from an async handler');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: options.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: functionArn(options.functionName),
    memoryLimitInMB: String(options.memoryLimitInMB ?? 1024),
    awsRequestId: options.requestId ?? randomUUID(),
    logGroupName: `/aws/lambda/${options.functionName}`,
    logStreamName: `local/[$LATEST]${randomUUID().replaceAll('-', '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - now()),
    done: notSupported,
    fail: notSupported,
    succeed: notSupported,
  };
}

/** The ARN a function of this name has on the local stack (account 000000000000). */
export function functionArn(functionName: string): string {
  return `arn:aws:lambda:${localAws.region}:000000000000:function:${functionName}`;
}
