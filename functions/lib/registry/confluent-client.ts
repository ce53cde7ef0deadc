import { type CompatibilityLevel, CompatibilityLevels, type SchemaType } from '../schema/index.js';
import type { SchemaMetadata, SchemaRuleSet } from './data-contract.js';
import { InvalidSchemaError, RegistryRequestError, SchemaNotFoundError } from './errors.js';
import { type RegistryHttp, registryHttp } from './http.js';
import type { ConfluentClientOptions, RetryOptions } from './options.js';
import { withRetry } from './retry.js';
import type { CompatibilityResult, RegisteredSchema, SchemaInput, SchemaRegistryClient } from './types.js';

interface SchemaAnswer {
  readonly id?: number;
  readonly subject?: string;
  readonly version?: number;
  readonly schema: string;
  readonly schemaType?: SchemaType;
  readonly metadata?: SchemaMetadata;
  readonly ruleSet?: SchemaRuleSet;
}

/** Builds a URL path, encoding each interpolated part. */
export const path = (strings: TemplateStringsArray, ...parts: (string | number)[]) =>
  strings.reduce(
    (out, text, i) => out + text + (i < parts.length ? encodeURIComponent(String(parts[i])) : ''),
    '',
  );

/**
 * A client for the Confluent Schema Registry REST API: Confluent's own registry, Apicurio's
 * `/apis/ccompat/v7`, and Eventline's registry service. Uncached; `createRegistryClient` adds caches.
 */
export class ConfluentRegistryClient implements SchemaRegistryClient {
  readonly kind = 'confluent' as const;
  readonly #http: RegistryHttp;
  readonly #retry: RetryOptions;

  constructor(options: ConfluentClientOptions, http: RegistryHttp = registryHttp(options)) {
    this.#http = http;
    this.#retry = options.retry ?? {};
  }

  #call(method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown): Promise<unknown> {
    return withRetry(() => this.#http(method, url, body), this.#retry);
  }

  async register(subject: string, schema: SchemaInput): Promise<RegisteredSchema> {
    const answer = (await this.#call('POST', path`subjects/${subject}/versions`, requestBody(schema)).catch(
      (error: unknown) => Promise.reject(explainInvalid(error, schema)),
    )) as { id: number };
    // Confluent answers only the id; the version comes from a lookup (registering is rare, a cold path).
    const found = await this.lookup(subject, schema).catch(() => undefined);
    return {
      id: answer.id,
      type: schema.type,
      definition: schema.definition,
      subject,
      ...(found?.version === undefined ? {} : { version: found.version }),
      ...dataContract(found ?? schema),
    };
  }

  async lookup(subject: string, schema: SchemaInput): Promise<RegisteredSchema> {
    const answer = (await this.#call('POST', path`subjects/${subject}`, requestBody(schema))) as SchemaAnswer;
    // The answer is for the schema we sent, so its type is ours. Apicurio 3.0.9 leaves
    // `schemaType` out here for JSON and Protobuf, which would otherwise read as AVRO.
    return { ...registered(answer, subject), type: schema.type };
  }

  async getById(id: number | string): Promise<RegisteredSchema> {
    const url = typeof id === 'number' ? path`schemas/ids/${id}` : path`schemas/guids/${id}`;
    const answer = (await this.#call('GET', url)) as SchemaAnswer;
    return { ...registered(answer), id };
  }

  async getLatest(subject: string): Promise<RegisteredSchema> {
    return registered(
      (await this.#call('GET', path`subjects/${subject}/versions/latest`)) as SchemaAnswer,
      subject,
    );
  }

  async listSubjects(): Promise<string[]> {
    return (await this.#call('GET', 'subjects')) as string[];
  }

  async listVersions(subject: string): Promise<RegisteredSchema[]> {
    const versions = (await this.#call('GET', path`subjects/${subject}/versions`)) as number[];
    return Promise.all(
      versions.map(async (version) =>
        registered(
          (await this.#call('GET', path`subjects/${subject}/versions/${version}`)) as SchemaAnswer,
          subject,
        ),
      ),
    );
  }

  async checkCompatibility(subject: string, schema: SchemaInput): Promise<CompatibilityResult> {
    let answer: { is_compatible: boolean; messages?: string[] };
    try {
      answer = (await this.#call(
        'POST',
        `${path`compatibility/subjects/${subject}/versions/latest`}?verbose=true`,
        requestBody(schema),
      )) as typeof answer;
    } catch (error) {
      // A subject with no versions accepts any valid first schema.
      if (error instanceof SchemaNotFoundError) return { compatible: true, messages: [] };
      throw explainInvalid(error, schema);
    }
    return { compatible: answer.is_compatible, messages: answer.messages ?? [] };
  }

  async getCompatibility(subject?: string): Promise<CompatibilityLevel> {
    if (subject !== undefined) {
      try {
        return level(await this.#call('GET', `${path`config/${subject}`}?defaultToGlobal=true`));
      } catch (error) {
        // Subject unknown or without its own level (Confluent 40408): the global level applies.
        if (!(error instanceof SchemaNotFoundError)) throw error;
      }
    }
    return level(await this.#call('GET', 'config'));
  }

  async setCompatibility(compatibility: CompatibilityLevel, subject?: string): Promise<void> {
    await this.#call('PUT', subject === undefined ? 'config' : path`config/${subject}`, { compatibility });
  }
}

function requestBody(schema: SchemaInput): Record<string, unknown> {
  return {
    schema: schema.definition,
    // Confluent's default type is AVRO; omitting it keeps older registries happy.
    ...(schema.type === 'AVRO' ? {} : { schemaType: schema.type }),
    ...(schema.references?.length ? { references: schema.references } : {}),
    ...dataContract(schema),
  };
}

/** Only the data contract parts that are there: registries without them never see the keys. */
function dataContract(from: { readonly metadata?: SchemaMetadata; readonly ruleSet?: SchemaRuleSet }) {
  return {
    ...(from.metadata ? { metadata: from.metadata } : {}),
    ...(from.ruleSet ? { ruleSet: from.ruleSet } : {}),
  };
}

function registered(answer: SchemaAnswer, subject?: string): RegisteredSchema {
  const name = answer.subject ?? subject;
  return {
    id: answer.id as number,
    type: answer.schemaType ?? 'AVRO',
    definition: answer.schema,
    ...(name === undefined ? {} : { subject: name }),
    ...(answer.version === undefined ? {} : { version: answer.version }),
    ...dataContract(answer),
  };
}

/** Confluent answers `compatibility` (PUT) or `compatibilityLevel` (GET; Apicurio for both). */
function level(answer: unknown): CompatibilityLevel {
  const body = answer as { compatibility?: string; compatibilityLevel?: string };
  const value = body.compatibilityLevel ?? body.compatibility;
  if (!(CompatibilityLevels as readonly (string | undefined)[]).includes(value)) {
    throw new RegistryRequestError(
      `registry answered an unknown compatibility level: ${JSON.stringify(answer)}`,
    );
  }
  return value as CompatibilityLevel;
}

/** Apicurio cannot tell a JSON Schema without `$schema` from plain JSON; say so instead of its riddle. */
function explainInvalid(error: unknown, schema: SchemaInput): unknown {
  if (
    error instanceof InvalidSchemaError &&
    schema.type === 'JSON' &&
    !schema.definition.includes('"$schema"') &&
    /discover artifact type/i.test(error.message)
  ) {
    return new InvalidSchemaError(`${error.message} (this registry needs "$schema" in a JSON Schema)`, {
      ...(error.status === undefined ? {} : { status: error.status }),
      ...(error.errorCode === undefined ? {} : { errorCode: error.errorCode }),
      ...(error.url === undefined ? {} : { url: error.url }),
      cause: error,
    });
  }
  return error;
}
