import { DekAlgorithms } from '../../functions/lib/registry/index.js';

/**
 * The path and query parameters of the routes, as JSON schemas. The parsers in
 * `service/request-body.ts` read their limits from these same objects, so what the API document
 * says and what the routes accept cannot drift apart.
 */

/** A Java int, the widest version and id Confluent has. */
const maxInt32 = 2 ** 31 - 1;

/** A version number, as the routes accept it. */
export const versionNumber = { type: 'integer', minimum: 1, maximum: maxInt32 } as const;

/** A schema id, as the routes accept it. */
export const schemaId = { type: 'integer', minimum: 1, maximum: maxInt32 } as const;

/** The names of a subject's latest version. */
export const latestVersion = { type: 'string', enum: ['latest', '-1'] } as const;

const subject = { type: 'string', minLength: 1 } as const;

const version = {
  description: 'A version number in [1, 2^31-1], or `latest` (also `-1`).',
  anyOf: [versionNumber, latestVersion],
} as const;

/** Path parameter objects: `{ type: 'object', properties, required }` over the route's segments. */
function path<const P extends Record<string, object>>(properties: P) {
  return { type: 'object', properties, required: Object.keys(properties) } as const;
}

export const subjectPath = path({ subject });
export const versionPath = path({ subject, version });
export const idPath = path({ id: schemaId });

/** Confluent's KEK name rule (DekRegistryResource.checkName); `checkKeyName` enforces the letters too. */
const kekName = { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_-]{0,255}$' } as const;
export const kekPath = path({ name: kekName });
export const dekPath = path({ name: kekName, subject });
export const dekVersionPath = path({ name: kekName, subject, version });

const flag = { type: 'boolean' } as const;
const textValue = { type: 'string' } as const;
const algorithm = { type: 'string', enum: Object.values(DekAlgorithms) } as const;

/** Confluent's paging: `offset` skips, a `limit` of zero or less means all. */
const paging = { offset: { type: 'integer', minimum: 0 }, limit: { type: 'integer' } } as const;

/** A query string object of optional parameters. */
function query<const P extends Record<string, object>>(properties: P) {
  return { type: 'object', properties } as const;
}

export const queries = {
  subjects: query({ subjectPrefix: textValue, deleted: flag, deletedOnly: flag, ...paging }),
  versions: query({ deleted: flag, deletedOnly: flag, ...paging }),
  deleted: query({ deleted: flag }),
  permanent: query({ permanent: flag }),
  paging: query(paging),
  lookup: query({ deleted: flag, normalize: flag }),
  normalize: query({ normalize: flag }),
  verbose: query({ verbose: flag }),
  defaultToGlobal: query({ defaultToGlobal: flag }),
  force: query({ force: flag }),
  schemas: query({ subjectPrefix: textValue, deleted: flag, latestOnly: flag, ...paging }),
  idUsage: query({ subject: textValue, deleted: flag, ...paging }),
  keks: query({ subjectPrefix: textValue, deleted: flag, ...paging }),
  deletedPaging: query({ deleted: flag, ...paging }),
  algorithm: query({ algorithm }),
  algorithmDeleted: query({ algorithm, deleted: flag }),
  algorithmPermanent: query({ algorithm, permanent: flag }),
  algorithmDeletedPaging: query({ algorithm, deleted: flag, ...paging }),
} as const;
