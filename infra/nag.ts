import { CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges cdk-nag findings on a construct and everything under it. Each entry's id
 * is a rule id, or a rule id with its finding (`AwsSolutions-IAM5[Resource::*]`), and its
 * reason says why this resource may break the rule. Prefer `acknowledgeResource`: a
 * subtree acknowledgement also hides the same finding on resources added there later.
 */
export function acknowledge(scope: IConstruct, findings: Record<string, string>): void {
  for (const [id, reason] of Object.entries(findings)) Validations.of(scope).acknowledge({ id, reason });
}

/**
 * Acknowledges cdk-nag findings on exactly one CloudFormation resource: the construct
 * itself when it is one, else its default child. Throws when neither is, so an
 * acknowledgement can never cover a subtree by accident.
 */
export function acknowledgeResource(construct: IConstruct, findings: Record<string, string>): void {
  const resource = CfnResource.isCfnResource(construct) ? construct : construct.node.defaultChild;
  if (!resource || !CfnResource.isCfnResource(resource)) {
    throw new Error(`acknowledgeResource: ${construct.node.path} is not one CloudFormation resource`);
  }
  acknowledge(resource, findings);
}

/**
 * The id cdk-nag gives a finding about one value of a resource (an ARN with tokens, a
 * policy), spelled the way cdk-nag flattens CloudFormation references, so an
 * acknowledgement can name that exact value instead of a rule.
 * @example nagFindingId('AwsSolutions-IAM5', 'Resource', cluster.topicArn('*'), stack)
 */
export function nagFindingId(
  rule: string,
  kind: 'Resource' | 'Action' | 'Policy',
  value: string,
  scope: IConstruct,
): string {
  return `${rule}[${kind}::${flattenCfnReference(Stack.of(scope).resolve(value))}]`;
}
