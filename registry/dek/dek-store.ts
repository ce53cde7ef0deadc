import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { isAwsError } from '../../functions/lib/errors/index.js';
import type { DekAlgorithm } from '../../functions/lib/registry/index.js';
import { queryPartition, storeCall, storeError } from '../store/dynamodb-calls.js';
import type { KekRequest } from './dek-requests.js';

/** A KEK as stored: what its create request gave, and `ts`, when it was last written. */
export interface StoredKek extends KekRequest {
  readonly ts: number;
}

export interface StoredDek {
  readonly kekName: string;
  readonly subject: string;
  readonly version: number;
  readonly algorithm: DekAlgorithm;
  readonly encryptedKeyMaterial: string;
  readonly ts: number;
  readonly deleted: boolean;
}

const kekPk = 'KEK';
const dekPk = (kekName: string) => `DEK#${kekName}`;
const subjectPrefix = (subject: string, algorithm: DekAlgorithm) =>
  `${encodeURIComponent(subject)}#${algorithm}#`;
const dekSk = (dek: Pick<StoredDek, 'subject' | 'algorithm' | 'version'>) =>
  `${subjectPrefix(dek.subject, dek.algorithm)}${String(dek.version).padStart(10, '0')}`;

/**
 * KEKs and DEKs in the DEK table (keys as store/table.ts defines them):
 * - `KEK` / `<kek name>` → kmsType, kmsKeyId, kmsProps, doc, shared, ts, deleted
 * - `DEK#<kek name>` / `<subject, URI-encoded>#<algorithm>#<version, 10 digits>` → encryptedKeyMaterial, ts, deleted
 * One query lists the KEKs, one a KEK's DEKs, and one (a sort-key prefix) a subject's versions
 * of one algorithm in version order; encoding the subject keeps a `#` in it from meeting the separator.
 */
export class DekStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async getKek(name: string): Promise<StoredKek | undefined> {
    return (await this.get(kekPk, name)) as StoredKek | undefined;
  }

  /** Every KEK, by name. */
  async keks(): Promise<StoredKek[]> {
    return (await queryPartition(this.doc, this.tableName, kekPk).then((items) =>
      items.map(withoutKeys),
    )) as unknown as StoredKek[];
  }

  /**
   * Writes the KEK. `onlyOver` says what may be there: nothing or a soft-deleted one (create),
   * or anything (update); false when a racing writer got there first.
   */
  async putKek(kek: Omit<StoredKek, 'ts'>, onlyOver: 'absentOrDeleted' | 'any'): Promise<boolean> {
    return this.put({ pk: kekPk, sk: kek.name, ...kek, ts: Date.now() }, onlyOver);
  }

  async removeKek(name: string): Promise<void> {
    await this.remove(kekPk, name);
  }

  async getDek(
    kekName: string,
    subject: string,
    algorithm: DekAlgorithm,
    version: number,
  ): Promise<StoredDek | undefined> {
    return (await this.get(dekPk(kekName), dekSk({ subject, algorithm, version }))) as StoredDek | undefined;
  }

  /** A KEK's DEKs, by subject, algorithm and version; only one subject's of one algorithm when given. */
  async deks(kekName: string, only?: { subject: string; algorithm: DekAlgorithm }): Promise<StoredDek[]> {
    const prefix = only ? subjectPrefix(only.subject, only.algorithm) : undefined;
    const items = await queryPartition(this.doc, this.tableName, dekPk(kekName), prefix);
    return items.map(withoutKeys) as unknown as StoredDek[];
  }

  async putDek(dek: Omit<StoredDek, 'ts'>, onlyOver: 'absentOrDeleted' | 'any'): Promise<boolean> {
    return this.put({ pk: dekPk(dek.kekName), sk: dekSk(dek), ...dek, ts: Date.now() }, onlyOver);
  }

  async removeDek(dek: Pick<StoredDek, 'kekName' | 'subject' | 'algorithm' | 'version'>): Promise<void> {
    await this.remove(dekPk(dek.kekName), dekSk(dek));
  }

  async ping(): Promise<void> {
    await this.get(kekPk, '#PING');
  }

  private async get(pk: string, sk: string): Promise<Record<string, unknown> | undefined> {
    const result = await storeCall(() =>
      this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk, sk }, ConsistentRead: true })),
    );
    return result.Item === undefined ? undefined : withoutKeys(result.Item);
  }

  private async put(item: Record<string, unknown>, onlyOver: 'absentOrDeleted' | 'any'): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ...(onlyOver === 'any'
            ? {}
            : {
                ConditionExpression: 'attribute_not_exists(pk) OR deleted = :deleted',
                ExpressionAttributeValues: { ':deleted': true },
              }),
        }),
      );
      return true;
    } catch (error) {
      if (isAwsError(error, 'ConditionalCheckFailedException')) return false;
      throw storeError(error);
    }
  }

  private async remove(pk: string, sk: string): Promise<void> {
    await storeCall(() => this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: { pk, sk } })));
  }
}

function withoutKeys(item: Record<string, unknown>): Record<string, unknown> {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest;
}
