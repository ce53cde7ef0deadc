import { type FilterPattern, parseFilterCriteria } from '../triggers/filter.js';
import { UnsupportedTemplateError } from './errors.js';
import { type CfnTemplate, ResourceTypes, resourcesOfType } from './template.js';

/**
 * The AWS::Lambda::EventSourceMapping properties the local triggers implement, and what each
 * means on the laptop. A mapping with any other property stops start-up (see `readMappings`):
 * a setting the local trigger would silently ignore makes the local run differ from AWS.
 */
export const ImplementedMappingProperties = {
  FunctionName: 'the function the trigger invokes (its staged bundle in cdk.out)',
  EventSourceArn: "a table's StreamArn (the local table's stream) or the MSK cluster (the local broker)",
  Topics: 'the Kafka topic the mapping reads (one per mapping, as MSK allows)',
  AmazonManagedKafkaEventSourceConfig: 'ConsumerGroupId: the Kafka consumer group, prefixed locally',
  BatchSize: 'the most records in one invocation',
  MaximumBatchingWindowInSeconds:
    'how long records are gathered before an invocation; a local speed-up option may shorten it, and says so',
  StartingPosition:
    'where a new mapping starts; for Kafka a local option may start new groups at LATEST, and says so',
  FilterCriteria:
    'event filter patterns applied before batching (stream mappings); unmatched records count as processed',
  FunctionResponseTypes: 'ReportBatchItemFailures: partial batch responses',
  MaximumRetryAttempts: 'retries of a failing batch before it goes to the failure destination',
  BisectBatchOnFunctionError: 'split a failing batch in two and retry each half',
  MaximumRecordAgeInSeconds: 'records older than this go to the failure destination unprocessed',
  ParallelizationFactor: 'batches per shard at once; the local stream trigger implements 1 only',
  DestinationConfig: 'OnFailure: an SQS queue of the template, or kafka://<topic>',
  ProvisionedPollerConfig:
    'capacity of the pollers in AWS; locally one poller per mapping, same delivery rules',
  MetricsConfig: "the mapping's CloudWatch metrics; locally its figures are in the live view and summary",
  LoggingConfig:
    "the level of the pollers' own CloudWatch logs in AWS; the local triggers keep no poller log, their errors go to the run's output",
} as const;

export type MappingSource =
  | { readonly kind: 'ddb-stream'; readonly tableLogicalId: string }
  | { readonly kind: 'kafka'; readonly topics: readonly string[]; readonly consumerGroupId?: string };

export type MappingFailureDestination =
  | { readonly kind: 'sqs'; readonly queueLogicalId: string }
  | { readonly kind: 'kafka'; readonly topic: string };

/** One event source mapping of the template, as the local trigger takes it. */
export interface MappingSettings {
  readonly logicalId: string;
  readonly functionLogicalId: string;
  readonly source: MappingSource;
  readonly batchSize?: number;
  readonly maximumBatchingWindowSeconds?: number;
  readonly startingPosition?: 'TRIM_HORIZON' | 'LATEST';
  readonly filters: readonly FilterPattern[];
  readonly reportBatchItemFailures: boolean;
  readonly maximumRetryAttempts?: number;
  readonly bisectBatchOnFunctionError: boolean;
  readonly maximumRecordAgeSeconds?: number;
  readonly onFailure?: MappingFailureDestination;
}

type Props = Readonly<Record<string, unknown>>;

/** Every event source mapping of the template; throws UnsupportedTemplateError naming a property the local triggers do not implement. */
export function readMappings(template: CfnTemplate): MappingSettings[] {
  return resourcesOfType(template, ResourceTypes.eventSourceMapping).map(([logicalId, resource]) =>
    readMapping(logicalId, resource.Properties ?? {}),
  );
}

export function readMapping(logicalId: string, props: Props): MappingSettings {
  const refuse = (property: string, detail: string): never => {
    throw new UnsupportedTemplateError(logicalId, property, detail);
  };
  for (const property of Object.keys(props)) {
    if (!(property in ImplementedMappingProperties)) {
      refuse(
        property,
        `is not implemented by the local triggers; implement it in local/triggers (and list it in ImplementedMappingProperties) or remove it from the construct`,
      );
    }
  }
  const functionLogicalId = refOf(props.FunctionName) ?? refuse('FunctionName', 'is not a Ref to a function');
  const reportBatchItemFailures = checkResponseTypes(props.FunctionResponseTypes, refuse);
  if (props.ParallelizationFactor !== undefined && props.ParallelizationFactor !== 1) {
    refuse(
      'ParallelizationFactor',
      `${String(props.ParallelizationFactor)} is not implemented locally (only 1)`,
    );
  }
  const startingPosition = props.StartingPosition as MappingSettings['startingPosition'];
  if (
    startingPosition !== undefined &&
    startingPosition !== 'TRIM_HORIZON' &&
    startingPosition !== 'LATEST'
  ) {
    refuse(
      'StartingPosition',
      `${String(startingPosition)} is not implemented locally (TRIM_HORIZON or LATEST)`,
    );
  }
  const filters = props.FilterCriteria
    ? parseFilterCriteria(props.FilterCriteria as { Filters: { Pattern: string }[] })
    : [];
  const onFailure = failureDestination(props.DestinationConfig, refuse);
  const source = mappingSource(props, refuse);
  if (source.kind === 'kafka' && filters.length > 0) {
    refuse(
      'FilterCriteria',
      'on a Kafka mapping is not implemented by the local Kafka trigger (stream mappings only)',
    );
  }
  return {
    logicalId,
    functionLogicalId,
    source,
    ...numberProp(props, 'BatchSize', 'batchSize'),
    ...numberProp(props, 'MaximumBatchingWindowInSeconds', 'maximumBatchingWindowSeconds'),
    ...numberProp(props, 'MaximumRetryAttempts', 'maximumRetryAttempts'),
    ...numberProp(props, 'MaximumRecordAgeInSeconds', 'maximumRecordAgeSeconds'),
    ...(startingPosition ? { startingPosition } : {}),
    filters,
    reportBatchItemFailures,
    bisectBatchOnFunctionError: props.BisectBatchOnFunctionError === true,
    ...(onFailure ? { onFailure } : {}),
  };
}

type Refuse = (property: string, detail: string) => never;

function mappingSource(props: Props, refuse: Refuse): MappingSource {
  const arn = props.EventSourceArn as { 'Fn::GetAtt'?: [string, string] } | undefined;
  const [id, attribute] = arn?.['Fn::GetAtt'] ?? [];
  if (Array.isArray(props.Topics)) {
    const config = (props.AmazonManagedKafkaEventSourceConfig ?? {}) as Props;
    for (const key of Object.keys(config)) {
      if (key !== 'ConsumerGroupId')
        refuse(`AmazonManagedKafkaEventSourceConfig.${key}`, 'is not implemented locally');
    }
    const group = config.ConsumerGroupId;
    return {
      kind: 'kafka',
      topics: props.Topics.map(String),
      ...(typeof group === 'string' ? { consumerGroupId: group } : {}),
    };
  }
  if (id && attribute === 'StreamArn') return { kind: 'ddb-stream', tableLogicalId: id };
  return refuse(
    'EventSourceArn',
    'is neither a table stream of this template nor an MSK cluster with Topics',
  );
}

function checkResponseTypes(value: unknown, refuse: Refuse): boolean {
  if (value === undefined) return false;
  const types = Array.isArray(value) ? value : [];
  for (const type of types) {
    if (type !== 'ReportBatchItemFailures')
      refuse('FunctionResponseTypes', `${String(type)} is not implemented locally`);
  }
  return types.includes('ReportBatchItemFailures');
}

function failureDestination(value: unknown, refuse: Refuse): MappingFailureDestination | undefined {
  if (value === undefined) return undefined;
  const config = value as Props;
  for (const key of Object.keys(config)) {
    if (key !== 'OnFailure') refuse(`DestinationConfig.${key}`, 'is not implemented locally');
  }
  const destination = (config.OnFailure as Props | undefined)?.Destination;
  if (typeof destination === 'string' && destination.startsWith('kafka://')) {
    return { kind: 'kafka', topic: destination.slice('kafka://'.length) };
  }
  const [id, attribute] =
    (destination as { 'Fn::GetAtt'?: [string, string] } | undefined)?.['Fn::GetAtt'] ?? [];
  if (id && attribute === 'Arn') return { kind: 'sqs', queueLogicalId: id };
  return refuse(
    'DestinationConfig.OnFailure',
    `${JSON.stringify(destination)}: locally only an SQS queue of this template or kafka://<topic>`,
  );
}

function numberProp<K extends string>(props: Props, name: string, key: K): Partial<Record<K, number>> {
  const value = props[name];
  return value === undefined ? {} : ({ [key]: Number(value) } as Record<K, number>);
}

function refOf(value: unknown): string | undefined {
  const ref = (value as { Ref?: unknown } | undefined)?.Ref;
  return typeof ref === 'string' ? ref : undefined;
}
