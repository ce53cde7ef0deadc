import { Aws, Fn } from 'aws-cdk-lib';

/**
 * `<prefix>-<12 hex digits of the stack's id>`: the stack id is new on every creation, so a
 * resource retained from a deleted stack never holds the name a new deployment asks for.
 * Resolved at deploy time (a CloudFormation expression).
 */
export function perDeploymentName(prefix: string): string {
  const stackUuid = Fn.select(2, Fn.split('/', Aws.STACK_ID));
  return `${prefix}-${Fn.select(4, Fn.split('-', stackUuid))}`;
}
