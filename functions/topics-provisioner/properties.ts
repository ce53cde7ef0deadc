import { InvalidTopicsSpecError } from './errors.js';
import { AclOperations, type AclSpec, type TopicSpec } from './types.js';

/** The custom resource's properties as CloudFormation delivers them (every value a string). */
export interface TopicsResourceProperties {
  /** Comma-separated bootstrap brokers. */
  readonly Brokers: string;
  readonly Auth: 'iam' | 'none';
  /** JSON array of TopicSpec: one string, because CloudFormation turns nested numbers into strings. */
  readonly Topics: string;
  /** JSON array of topic names the manifest records as deleted. @default '[]' */
  readonly RetiredTopics?: string;
  /** JSON array of AclSpec for SASL/SCRAM users. @default '[]' */
  readonly Acls?: string;
}

/** Property names, shared with the construct that sets them. */
export const TopicsPropertyNames = {
  brokers: 'Brokers',
  auth: 'Auth',
  topics: 'Topics',
  retiredTopics: 'RetiredTopics',
  acls: 'Acls',
} as const;

export interface ParsedTopicsProperties {
  readonly brokers: string[];
  readonly auth: 'iam' | 'none';
  readonly topics: TopicSpec[];
  readonly retiredTopics: string[];
  readonly acls: AclSpec[];
}

/** Validates the properties; a malformed spec is a deployment bug, reported by name. */
export function parseTopicsProperties(raw: Record<string, unknown> | undefined): ParsedTopicsProperties {
  const brokers = typeof raw?.Brokers === 'string' ? raw.Brokers.split(',').filter(Boolean) : [];
  if (brokers.length === 0) throw new InvalidTopicsSpecError('property Brokers is missing or empty');
  const auth = raw?.Auth;
  if (auth !== 'iam' && auth !== 'none')
    throw new InvalidTopicsSpecError(`property Auth must be iam or none, got ${String(auth)}`);
  let topics: unknown;
  try {
    topics = JSON.parse(String(raw?.Topics));
  } catch (error) {
    throw new InvalidTopicsSpecError('property Topics is not JSON', { cause: error });
  }
  if (!Array.isArray(topics) || !topics.every(isTopicSpec)) {
    throw new InvalidTopicsSpecError(
      'property Topics must be an array of { name, partitions, replicationFactor, config }',
    );
  }
  return {
    brokers,
    auth,
    topics,
    retiredTopics: parseRetired(raw?.RetiredTopics),
    acls: parseAcls(raw?.Acls),
  };
}

function parseRetired(value: unknown): string[] {
  if (value === undefined) return [];
  let names: unknown;
  try {
    names = JSON.parse(String(value));
  } catch (error) {
    throw new InvalidTopicsSpecError('property RetiredTopics is not JSON', { cause: error });
  }
  if (!Array.isArray(names) || !names.every((name) => typeof name === 'string')) {
    throw new InvalidTopicsSpecError('property RetiredTopics must be an array of topic names');
  }
  return names;
}

function isTopicSpec(value: unknown): value is TopicSpec {
  const topic = value as Partial<TopicSpec> | null;
  return (
    typeof topic?.name === 'string' &&
    Number.isInteger(topic.partitions) &&
    Number.isInteger(topic.replicationFactor) &&
    typeof topic.config === 'object' &&
    topic.config !== null &&
    Object.values(topic.config).every((v) => typeof v === 'string')
  );
}

function parseAcls(value: unknown): AclSpec[] {
  if (value === undefined) return [];
  let specs: unknown;
  try {
    specs = JSON.parse(String(value));
  } catch (error) {
    throw new InvalidTopicsSpecError('property Acls is not JSON', { cause: error });
  }
  if (!Array.isArray(specs) || !specs.every(isAclSpec)) {
    throw new InvalidTopicsSpecError(
      `property Acls must be an array of { principal, resourceType, resourceName, patternType, operations } with operations among ${Object.values(AclOperations).join(', ')}`,
    );
  }
  return specs;
}

function isAclSpec(value: unknown): value is AclSpec {
  const spec = value as Partial<Record<keyof AclSpec, unknown>> | null;
  const known = new Set<unknown>(Object.values(AclOperations));
  return (
    typeof spec?.principal === 'string' &&
    spec.principal.startsWith('User:') &&
    (spec.resourceType === 'topic' || spec.resourceType === 'group') &&
    typeof spec.resourceName === 'string' &&
    spec.resourceName.length > 0 &&
    (spec.patternType === 'literal' || spec.patternType === 'prefixed') &&
    Array.isArray(spec.operations) &&
    spec.operations.length > 0 &&
    spec.operations.every((operation) => known.has(operation))
  );
}
