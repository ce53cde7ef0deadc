import { type DekAlgorithm, DekAlgorithms } from '../../functions/lib/registry/index.js';
import { fail } from '../errors.js';

/** Confluent's CreateKekRequest. */
export interface KekRequest {
  readonly name: string;
  readonly kmsType: string;
  readonly kmsKeyId: string;
  readonly kmsProps: Readonly<Record<string, string>>;
  readonly doc?: string;
  readonly shared: boolean;
  readonly deleted: boolean;
}

/** Confluent's UpdateKekRequest: absent fields keep their value. */
export interface KekUpdate {
  readonly kmsProps?: Readonly<Record<string, string>>;
  readonly doc?: string;
  readonly shared?: boolean;
}

/** Confluent's CreateDekRequest (the subject comes from the path). */
export interface DekRequest {
  readonly version: number;
  readonly algorithm: DekAlgorithm;
  readonly encryptedKeyMaterial?: string;
  readonly deleted: boolean;
}

const algorithms = new Set<string>(Object.values(DekAlgorithms));
/** Confluent's DekRegistryResource.NAME_MAX_LENGTH. */
const nameMaxLength = 256;

/** Confluent's checkName: a letter or `_`, then letters, digits, `_` and `-`. */
export function checkKeyName(name: unknown): string {
  if (typeof name !== 'string' || name.length === 0 || name.length > nameMaxLength)
    throw fail.invalidKey('name');
  if (!/^[\p{L}_][\p{L}\p{N}_-]*$/u.test(name)) throw fail.invalidKey('name');
  return name;
}

/**
 * A DynamoDB sort key holds 1024 bytes; the DEK's key is the URI-encoded subject plus algorithm
 * and version, so longer subjects would fail in the store instead of here.
 */
const subjectMaxEncodedLength = 960;

/** Confluent's checkSubject (not empty, no control characters), plus the store's key size. */
export function checkKeySubject(subject: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (subject.length === 0 || /[\u0000-\u001f\u007f-\u009f]/.test(subject)) throw fail.invalidKey('subject');
  if (encodeURIComponent(subject).length > subjectMaxEncodedLength) {
    throw fail.invalidKey('subject', `at most ${subjectMaxEncodedLength} characters once URI-encoded`);
  }
  return subject;
}

/** The `algorithm` of a body or query; Confluent's default is AES256_GCM. */
export function parseAlgorithm(value: unknown): DekAlgorithm {
  if (value == null || value === '') return DekAlgorithms.aes256Gcm;
  if (typeof value !== 'string' || !algorithms.has(value)) {
    throw fail.invalidKey('algorithm', `use ${[...algorithms].join(', ')}`);
  }
  return value as DekAlgorithm;
}

/** Confluent's `normalizeKmsType`: any aws*, azure*, gcp* spelling becomes the driver's name. */
function normalizeKmsType(kmsType: string): string {
  const type = kmsType.toLowerCase();
  if (type.startsWith('aws')) return 'aws-kms';
  if (type.startsWith('azure')) return 'azure-kms';
  if (type.startsWith('gcp')) return 'gcp-kms';
  return kmsType;
}

export function parseKekRequest(body: unknown): KekRequest {
  const fields = object(body);
  const name = checkKeyName(fields.name);
  if (typeof fields.kmsKeyId !== 'string' || fields.kmsKeyId === '') throw fail.invalidKey('kmsKeyId');
  if (typeof fields.kmsType !== 'string' || fields.kmsType === '') throw fail.invalidKey('kmsType');
  // Confluent's minimal check, on the type as sent: the KMS itself validates the rest.
  if (fields.kmsType === 'aws-kms' && !fields.kmsKeyId.startsWith('arn:aws:kms:')) {
    throw fail.invalidKey('kmsKeyId', 'an AWS KMS key id is a key ARN (arn:aws:kms:...)');
  }
  const doc = optionalString(fields.doc, 'doc');
  return {
    name,
    kmsType: normalizeKmsType(fields.kmsType),
    kmsKeyId: fields.kmsKeyId,
    kmsProps: props(fields.kmsProps) ?? {},
    ...(doc === undefined ? {} : { doc }),
    shared: bool(fields.shared, 'shared') ?? false,
    deleted: bool(fields.deleted, 'deleted') ?? false,
  };
}

export function parseKekUpdate(body: unknown): KekUpdate {
  const fields = object(body);
  const kmsProps = props(fields.kmsProps);
  const doc = optionalString(fields.doc, 'doc');
  const shared = bool(fields.shared, 'shared');
  return {
    ...(kmsProps === undefined ? {} : { kmsProps }),
    ...(doc === undefined ? {} : { doc }),
    ...(shared === undefined ? {} : { shared }),
  };
}

export function parseDekRequest(body: unknown): DekRequest {
  const fields = object(body);
  const { version } = fields;
  if (version != null && (typeof version !== 'number' || !Number.isInteger(version) || version < 1)) {
    throw fail.invalidKey('version');
  }
  const encryptedKeyMaterial = optionalString(fields.encryptedKeyMaterial, 'encryptedKeyMaterial');
  return {
    version: (version as number | null | undefined) ?? 1,
    algorithm: parseAlgorithm(fields.algorithm),
    ...(encryptedKeyMaterial === undefined ? {} : { encryptedKeyMaterial }),
    deleted: bool(fields.deleted, 'deleted') ?? false,
  };
}

function object(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw fail.badRequest('the request body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

function props(value: unknown): Record<string, string> | undefined {
  if (value == null) return undefined;
  if (
    typeof value !== 'object' ||
    Array.isArray(value) ||
    Object.values(value).some((v) => typeof v !== 'string')
  ) {
    throw fail.invalidKey('kmsProps', 'an object of string values');
  }
  // A property needs a name (and DynamoDB refuses an empty attribute name in the stored map).
  if (Object.keys(value).includes('')) throw fail.invalidKey('kmsProps', 'properties with non-empty names');
  // Confluent keeps kmsProps in a sorted map.
  return Object.fromEntries(
    Object.entries(value as Record<string, string>).sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

function optionalString(value: unknown, field: string): string | undefined {
  if (value == null) return undefined;
  if (typeof value !== 'string') throw fail.invalidKey(field);
  return value;
}

function bool(value: unknown, field: string): boolean | undefined {
  if (value == null) return undefined;
  if (typeof value !== 'boolean') throw fail.invalidKey(field);
  return value;
}
