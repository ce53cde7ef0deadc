import type {
  CreateTableCommandInput,
  KeySchemaElement,
  Projection,
  StreamViewType,
} from '@aws-sdk/client-dynamodb';
import { AssemblyError } from './errors.js';
import {
  type CfnResource,
  type CfnTemplate,
  localResourceName,
  ResourceTypes,
  resourcesOfType,
} from './template.js';

export interface LocalTable {
  readonly logicalId: string;
  readonly definition: CreateTableCommandInput;
  /** The TTL attribute the template enables, set on the local table after creation. */
  readonly ttlAttribute?: string;
}

export interface LocalQueue {
  readonly logicalId: string;
  readonly name: string;
}

export interface LocalTopic {
  readonly name: string;
  readonly partitions: number;
  readonly config: Readonly<Record<string, string>>;
}

/** A KMS key of the template (a KEK of field-level encryption), found locally by its alias. */
export interface LocalKey {
  readonly logicalId: string;
  /** The template's alias of the key (`alias/eventline/<stage>/<kek>`), else one from the prefix and construct path. */
  readonly alias: string;
}

/** What the template asks to exist, under the run's local names. */
export interface ResourcePlan {
  readonly prefix: string;
  readonly tables: readonly LocalTable[];
  readonly queues: readonly LocalQueue[];
  readonly topics: readonly LocalTopic[];
  readonly keys: readonly LocalKey[];
}

/** The tables (keys, indexes, stream, TTL), queues and topics of the template, named under `prefix`. */
export function planResources(template: CfnTemplate, prefix: string): ResourcePlan {
  const tables = resourcesOfType(template, ResourceTypes.globalTable, ResourceTypes.table).map(
    ([logicalId, resource]) => localTable(prefix, logicalId, resource),
  );
  const queues = resourcesOfType(template, ResourceTypes.queue).map(([logicalId, resource]) => {
    if (resource.Properties?.FifoQueue) {
      throw new AssemblyError(`${logicalId}: FIFO queues are not implemented by the local pipeline`);
    }
    return { logicalId, name: localResourceName(prefix, logicalId, resource) };
  });
  const topics = resourcesOfType(template, ResourceTypes.topics).flatMap(([, resource]) => {
    const specs = JSON.parse(String(resource.Properties?.Topics ?? '[]')) as {
      name: string;
      partitions: number;
      config?: Record<string, string>;
    }[];
    return specs.map((spec) => ({ name: spec.name, partitions: spec.partitions, config: spec.config ?? {} }));
  });
  return { prefix, tables, queues, topics, keys: planKeys(template, prefix) };
}

/**
 * The template's KMS keys under their own aliases where it gives them: like topics, a KEK is
 * shared by every prefix, because the DEK registry of the local stack remembers which key each
 * KEK name wraps its DEKs with.
 */
function planKeys(template: CfnTemplate, prefix: string): LocalKey[] {
  const aliases = new Map<string, string>();
  for (const [, alias] of resourcesOfType(template, ResourceTypes.kmsAlias)) {
    const target = alias.Properties?.TargetKeyId as { 'Fn::GetAtt'?: unknown[]; Ref?: unknown } | undefined;
    const keyId = target?.['Fn::GetAtt']?.[0] ?? target?.Ref;
    if (typeof keyId === 'string' && typeof alias.Properties?.AliasName === 'string') {
      aliases.set(keyId, alias.Properties.AliasName);
    }
  }
  return resourcesOfType(template, ResourceTypes.kmsKey).map(([logicalId, resource]) => ({
    logicalId,
    alias: aliases.get(logicalId) ?? `alias/${localResourceName(prefix, logicalId, resource)}`,
  }));
}

interface Index {
  readonly IndexName: string;
  readonly KeySchema: KeySchemaElement[];
  readonly Projection?: Projection;
}

/** A CreateTable input for DynamoDB Local from a TableV2 (GlobalTable) or Table resource. */
function localTable(prefix: string, logicalId: string, resource: CfnResource): LocalTable {
  const p = resource.Properties ?? {};
  const index = (i: Index) => ({
    IndexName: i.IndexName,
    KeySchema: i.KeySchema,
    Projection: i.Projection ?? { ProjectionType: 'ALL' },
  });
  const gsis = (p.GlobalSecondaryIndexes as Index[] | undefined)?.map(index);
  const lsis = (p.LocalSecondaryIndexes as Index[] | undefined)?.map(index);
  const stream = (p.StreamSpecification as { StreamViewType?: string } | undefined)?.StreamViewType;
  const ttl = p.TimeToLiveSpecification as { AttributeName?: string; Enabled?: boolean } | undefined;
  const definition: CreateTableCommandInput = {
    TableName: localResourceName(prefix, logicalId, resource),
    AttributeDefinitions: p.AttributeDefinitions as CreateTableCommandInput['AttributeDefinitions'],
    KeySchema: p.KeySchema as CreateTableCommandInput['KeySchema'],
    BillingMode: 'PAY_PER_REQUEST',
    ...(gsis?.length ? { GlobalSecondaryIndexes: gsis } : {}),
    ...(lsis?.length ? { LocalSecondaryIndexes: lsis } : {}),
    ...(stream
      ? {
          StreamSpecification: {
            StreamEnabled: true,
            StreamViewType: stream as StreamViewType,
          },
        }
      : {}),
  };
  return {
    logicalId,
    definition,
    ...(ttl?.Enabled !== false && ttl?.AttributeName ? { ttlAttribute: ttl.AttributeName } : {}),
  };
}

/** Each table's logical id to the name `npm start --prefix` gives it. */
export function localTableNames(template: CfnTemplate, prefix: string): ReadonlyMap<string, string> {
  return new Map(
    planResources(template, prefix).tables.map((t) => [t.logicalId, t.definition.TableName as string]),
  );
}

/**
 * The template's outputs that reference a table, as the local pipeline's table names: what a
 * deployed stack's outputs say, for the run started with `--prefix`.
 */
export function localTableOutputs(template: CfnTemplate, prefix: string): Record<string, string> {
  const names = localTableNames(template, prefix);
  const outputs: Record<string, string> = {};
  for (const [key, output] of Object.entries(template.Outputs ?? {})) {
    const name = names.get(String((output.Value as { Ref?: unknown } | undefined)?.Ref));
    if (name) outputs[key] = name;
  }
  return outputs;
}
