import { readFileSync } from 'node:fs';
import { AssemblyError } from './errors.js';

/** One resource of a synthesized CloudFormation template, as far as the local pipeline reads it. */
export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Readonly<Record<string, unknown>>;
  readonly Metadata?: Readonly<Record<string, unknown>>;
}

export interface CfnTemplate {
  readonly Resources: Readonly<Record<string, CfnResource>>;
  readonly Outputs?: Readonly<Record<string, { readonly Value?: unknown }>>;
}

/** Resource types the local pipeline creates or runs. */
export const ResourceTypes = {
  globalTable: 'AWS::DynamoDB::GlobalTable',
  table: 'AWS::DynamoDB::Table',
  queue: 'AWS::SQS::Queue',
  function: 'AWS::Lambda::Function',
  eventSourceMapping: 'AWS::Lambda::EventSourceMapping',
  topics: 'Custom::EventlineKafkaTopics',
  mskCluster: 'AWS::MSK::Cluster',
  mskServerlessCluster: 'AWS::MSK::ServerlessCluster',
  kmsKey: 'AWS::KMS::Key',
  kmsAlias: 'AWS::KMS::Alias',
} as const;

export function readTemplate(file: string): CfnTemplate {
  let template: CfnTemplate;
  try {
    template = JSON.parse(readFileSync(file, 'utf8')) as CfnTemplate;
  } catch (error) {
    throw new AssemblyError(`cannot read the synthesized template ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (!template.Resources) throw new AssemblyError(`${file} has no Resources`);
  return template;
}

/** The resources of the given types, by logical id. */
export function resourcesOfType(
  template: CfnTemplate,
  ...types: readonly string[]
): [logicalId: string, resource: CfnResource][] {
  return Object.entries(template.Resources).filter(([, r]) => types.includes(r.Type));
}

/** The construct path CDK recorded (`aws:cdk:path`), without the stack and the trailing `Resource`. */
export function constructPath(resource: CfnResource): readonly string[] | undefined {
  const path = resource.Metadata?.['aws:cdk:path'];
  if (typeof path !== 'string') return undefined;
  const segments = path.split('/').slice(1);
  return segments.at(-1) === 'Resource' ? segments.slice(0, -1) : segments;
}

/** `OrderProjection/Idempotency` -> `order-projection-idempotency`: local names read like the constructs. */
export function kebabPath(segments: readonly string[]): string {
  return segments
    .map((s) =>
      s
        .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
        .replace(/[^A-Za-z0-9]+/g, '-')
        .toLowerCase(),
    )
    .join('-')
    .replace(/^-+|-+$/g, '');
}

/** The local name of a table or queue: the run's prefix and the construct path (or the logical id). */
export function localResourceName(prefix: string, logicalId: string, resource: CfnResource): string {
  return `${prefix}-${kebabPath(constructPath(resource) ?? [logicalId])}`;
}
