import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { isAwsError } from '../../functions/lib/errors/index.js';
import type { SchemaMetadata, SchemaRuleSet } from '../../functions/lib/registry/index.js';
import type { CompatibilityLevel, SchemaType } from '../../functions/lib/schema/index.js';
import { StoreError } from '../errors.js';
import { queryPartition, storeCall, storeError } from './dynamodb-calls.js';

export interface SchemaReference {
  readonly name: string;
  readonly subject: string;
  readonly version: number;
}

/** What an id stands for; immutable once written. */
export interface StoredSchema {
  readonly id: number;
  readonly schema: string;
  readonly schemaType: SchemaType;
  readonly references: readonly SchemaReference[];
  /** Confluent data contract parts; part of the content behind the id. */
  readonly metadata?: SchemaMetadata;
  readonly ruleSet?: SchemaRuleSet;
}

export interface SubjectVersion {
  readonly subject: string;
  readonly version: number;
  readonly id: number;
  readonly glueVersionId: string;
  /** Glue's own version number; Confluent numbers versions itself, so the two can differ. */
  readonly glueVersion: number;
  readonly deleted: boolean;
}

/** Confluent's modes (FORWARD, a multi-cluster mode, is not offered). */
export const Modes = {
  readWrite: 'READWRITE',
  readOnly: 'READONLY',
  readOnlyOverride: 'READONLY_OVERRIDE',
  import: 'IMPORT',
} as const;

export type Mode = (typeof Modes)[keyof typeof Modes];

/** Settings kept globally and per subject: the compatibility level, the mode, and Confluent's `normalize` config. */
export type SettingKind = 'CONFIG' | 'MODE' | 'NORMALIZE';

/**
 * Item layout (one table, `pk` + `sk`):
 * - `FP#<fingerprint>` / `FP` → id (the content → id map, written conditionally)
 * - `ID#<id>` / `SCHEMA` → schema text, type, references, metadata and ruleSet (Glue version
 *   metadata holds at most ten 256-character values, too little for a rule set); `ID#<id>` / `USE#<subject>#<version>`
 * - `COUNTER` / `ID` → last id handed out
 * - `SUBJECTS` / `<subject>` → one item per known subject
 * - `SUBJ#<subject>` / `V#<version, 10 digits>` → id, Glue version id, soft-delete mark
 * - `REFBY#<subject>#<version>` / `<id>` → a schema that references that version
 * - `CONFIG`, `MODE` and `NORMALIZE` / `#GLOBAL` or `S#<subject>` → level, mode or `true`/`false`
 */
export class IndexTable {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async ping(): Promise<void> {
    await this.client.send(new DescribeTableCommand({ TableName: this.tableName }));
  }

  async idForFingerprint(fingerprint: string): Promise<number | undefined> {
    const item = await this.get(`FP#${fingerprint}`, 'FP');
    return item?.id as number | undefined;
  }

  async schemaById(id: number): Promise<StoredSchema | undefined> {
    const item = await this.get(`ID#${id}`, 'SCHEMA');
    if (!item) return undefined;
    return {
      id,
      schema: item.schemaZ
        ? inflateRawSync(item.schemaZ as Uint8Array).toString('utf8')
        : (item.schema as string),
      schemaType: item.schemaType as SchemaType,
      references: (item.references as SchemaReference[] | undefined) ?? [],
      ...(item.metadata === undefined ? {} : { metadata: item.metadata as SchemaMetadata }),
      ...(item.ruleSet === undefined ? {} : { ruleSet: item.ruleSet as SchemaRuleSet }),
    };
  }

  /**
   * The id for this content: the existing one, or a fresh one claimed with a conditional
   * write, so racing tasks agree on one id per content and never share one across contents.
   */
  async allocateId(fingerprint: string, schema: Omit<StoredSchema, 'id'>): Promise<number> {
    const existing = await this.idForFingerprint(fingerprint);
    if (existing !== undefined) return existing;
    const counter = await storeCall(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: 'COUNTER', sk: 'ID' },
          UpdateExpression: 'ADD #v :one',
          ExpressionAttributeNames: { '#v': 'value' },
          ExpressionAttributeValues: { ':one': 1 },
          ReturnValues: 'UPDATED_NEW',
        }),
      ),
    );
    const id = counter.Attributes?.value as number;
    // The schema item goes first so that whoever reads the fingerprint finds the schema behind it.
    await this.put(schemaItem(id, fingerprint, schema));
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: `FP#${fingerprint}`, sk: 'FP', id },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      await Promise.all(
        schema.references.map((ref) =>
          this.put({ pk: `REFBY#${ref.subject}#${ref.version}`, sk: String(id), id }),
        ),
      );
      return id;
    } catch (error) {
      if (!isAwsError(error, 'ConditionalCheckFailedException')) {
        throw new StoreError('claiming a schema id failed', { cause: error });
      }
    }
    // Another task claimed this content first: use its id and drop the unused schema item.
    await storeCall(() =>
      this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: { pk: `ID#${id}`, sk: 'SCHEMA' } })),
    );
    const winner = await this.get(`FP#${fingerprint}`, 'FP');
    if (winner?.id === undefined) throw new StoreError(`fingerprint ${fingerprint} lost its id`);
    return winner.id as number;
  }

  /**
   * Claims an id an IMPORT names for this content: false when the id already stands for
   * other content (Confluent never lets an import overwrite an id).
   */
  async claimId(id: number, fingerprint: string, schema: Omit<StoredSchema, 'id'>): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: schemaItem(id, fingerprint, schema),
          ConditionExpression: 'attribute_not_exists(pk) OR fingerprint = :fp',
          ExpressionAttributeValues: { ':fp': fingerprint },
        }),
      );
    } catch (error) {
      if (isAwsError(error, 'ConditionalCheckFailedException')) return false;
      throw new StoreError('claiming an imported schema id failed', { cause: error });
    }
    // Later registrations of the same content reuse the imported id, unless it already had one.
    await this.doc
      .send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: `FP#${fingerprint}`, sk: 'FP', id },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      )
      .catch((error: Error) => {
        if (!isAwsError(error, 'ConditionalCheckFailedException')) {
          throw new StoreError('recording an imported schema id failed', { cause: error });
        }
      });
    await Promise.all(
      schema.references.map((ref) =>
        this.put({ pk: `REFBY#${ref.subject}#${ref.version}`, sk: String(id), id }),
      ),
    );
    return true;
  }

  /**
   * Records a subject version (and its reverse link from the id) in one transaction, only if
   * the version number is free: false when another task took it, so versions never change.
   */
  async putVersion(entry: SubjectVersion): Promise<boolean> {
    try {
      await this.putVersionOnce(entry);
      return true;
    } catch (error) {
      if (isAwsError(error, 'TransactionCanceledException') && conditionFailed(error)) return false;
      throw storeError(error);
    }
  }

  private async putVersionOnce(entry: SubjectVersion): Promise<void> {
    await this.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: { pk: `SUBJ#${entry.subject}`, sk: versionKey(entry.version), ...entry },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: this.tableName,
              Item: {
                pk: `ID#${entry.id}`,
                sk: `USE#${entry.subject}#${entry.version}`,
                subject: entry.subject,
                version: entry.version,
              },
            },
          },
          { Put: { TableName: this.tableName, Item: { pk: 'SUBJECTS', sk: entry.subject } } },
        ],
      }),
    );
  }

  /** Ids of registered schemas that reference this subject version. */
  async referencedBy(subject: string, version: number): Promise<number[]> {
    const ids = (await queryPartition(this.doc, this.tableName, `REFBY#${subject}#${version}`)).map(
      (item) => item.id as number,
    );
    const used = await Promise.all(ids.map(async (id) => (await this.usages(id)).length > 0));
    return ids.filter((_, i) => used[i]);
  }

  /** All versions of a subject, soft-deleted ones included, in version order. */
  async versions(subject: string): Promise<SubjectVersion[]> {
    return (await queryPartition(this.doc, this.tableName, `SUBJ#${subject}`)).map((item) => ({
      subject,
      version: item.version as number,
      id: item.id as number,
      glueVersionId: item.glueVersionId as string,
      // Items written before Confluent and Glue numbering were kept apart share the number.
      glueVersion: (item.glueVersion as number | undefined) ?? (item.version as number),
      deleted: item.deleted === true,
    }));
  }

  async markDeleted(subject: string, versions: readonly number[]): Promise<void> {
    await Promise.all(
      versions.map((version) =>
        storeCall(() =>
          this.doc.send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: { pk: `SUBJ#${subject}`, sk: versionKey(version) },
              UpdateExpression: 'SET deleted = :t',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeValues: { ':t': true },
            }),
          ),
        ),
      ),
    );
  }

  /** Forgets a subject version for good (permanent delete). */
  async removeVersion(entry: SubjectVersion): Promise<void> {
    await storeCall(() =>
      this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Delete: {
                TableName: this.tableName,
                Key: { pk: `SUBJ#${entry.subject}`, sk: versionKey(entry.version) },
              },
            },
            {
              Delete: {
                TableName: this.tableName,
                Key: { pk: `ID#${entry.id}`, sk: `USE#${entry.subject}#${entry.version}` },
              },
            },
          ],
        }),
      ),
    );
  }

  async removeSubject(subject: string): Promise<void> {
    await storeCall(() =>
      this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: { pk: 'SUBJECTS', sk: subject } })),
    );
  }

  async subjects(): Promise<string[]> {
    return (await queryPartition(this.doc, this.tableName, 'SUBJECTS')).map((item) => item.sk as string);
  }

  async usages(id: number): Promise<{ subject: string; version: number }[]> {
    return (await queryPartition(this.doc, this.tableName, `ID#${id}`, 'USE#')).map((item) => ({
      subject: item.subject as string,
      version: item.version as number,
    }));
  }

  async getSetting(kind: SettingKind, subject?: string): Promise<string | undefined> {
    const item = await this.get(kind, subject === undefined ? '#GLOBAL' : `S#${subject}`);
    return item?.value as string | undefined;
  }

  async putSetting(
    kind: SettingKind,
    value: CompatibilityLevel | Mode | 'true' | 'false',
    subject?: string,
  ): Promise<void> {
    await this.put({ pk: kind, sk: subject === undefined ? '#GLOBAL' : `S#${subject}`, value });
  }

  async deleteSetting(kind: SettingKind, subject?: string): Promise<void> {
    await storeCall(() =>
      this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { pk: kind, sk: subject === undefined ? '#GLOBAL' : `S#${subject}` },
        }),
      ),
    );
  }

  private async get(pk: string, sk: string): Promise<Record<string, unknown> | undefined> {
    const result = await storeCall(() =>
      this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk, sk }, ConsistentRead: true })),
    );
    return result.Item;
  }

  private async put(item: Record<string, unknown>): Promise<void> {
    await storeCall(() => this.doc.send(new PutCommand({ TableName: this.tableName, Item: item })));
  }
}

/** DynamoDB items hold 400 KB; a schema at Glue's 170,000 characters can be larger in UTF-8. */
const inlineTextBytes = 64 * 1024;

function storedText(text: string): { schema: string } | { schemaZ: Uint8Array } {
  return Buffer.byteLength(text) <= inlineTextBytes ? { schema: text } : { schemaZ: deflateRawSync(text) };
}

function conditionFailed(error: unknown): boolean {
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.some((reason) => reason.Code === 'ConditionalCheckFailed');
}

function versionKey(version: number): string {
  return `V#${String(version).padStart(10, '0')}`;
}

/** The item that holds a schema under its id, with the fingerprint that claims it. */
function schemaItem(
  id: number,
  fingerprint: string,
  schema: Omit<StoredSchema, 'id'>,
): Record<string, unknown> {
  const { schema: text, ...rest } = schema;
  return {
    pk: `ID#${id}`,
    sk: 'SCHEMA',
    fingerprint,
    ...rest,
    references: [...schema.references],
    ...storedText(text),
  };
}
