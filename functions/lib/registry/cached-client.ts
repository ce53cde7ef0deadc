import type { CompatibilityLevel } from '../schema/index.js';
import { Coalescer } from './coalesce.js';
import type { CacheOptions } from './options.js';
import { TtlCache } from './ttl-cache.js';
import type { CompatibilityResult, RegisteredSchema, SchemaInput, SchemaRegistryClient } from './types.js';

/** Metadata and rule set are part of a version's identity, so they are part of the key. */
const schemaKey = (subject: string, schema: SchemaInput) =>
  `${subject}\u0000${schema.type}\u0000${schema.definition}\u0000${JSON.stringify(schema.metadata ?? null)}\u0000${JSON.stringify(schema.ruleSet ?? null)}`;
/** Confluent id 1 and a Glue/GUID string "1" must not meet in one cache. */
const idKey = (id: number | string) => (typeof id === 'number' ? `#${id}` : id);

/**
 * Puts caches in front of a registry client: id → schema, (subject, definition) → id, and the
 * subject's latest version, each with a TTL and a size bound; concurrent misses for one key
 * share one request. Writes and admin calls pass straight through.
 */
export class CachedRegistryClient implements SchemaRegistryClient {
  readonly kind: SchemaRegistryClient['kind'];
  readonly #inner: SchemaRegistryClient;
  readonly #byId: TtlCache<string, RegisteredSchema>;
  readonly #byDefinition: TtlCache<string, RegisteredSchema>;
  readonly #latest: TtlCache<string, RegisteredSchema>;
  readonly #inFlight = new Coalescer<string, RegisteredSchema>();

  constructor(inner: SchemaRegistryClient, options: CacheOptions & { readonly now?: () => number } = {}) {
    this.kind = inner.kind;
    this.#inner = inner;
    const cache = {
      ttlMs: options.ttlMs ?? 300_000,
      maxEntries: options.maxEntries ?? 1000,
      ...(options.now ? { now: options.now } : {}),
    };
    this.#byId = new TtlCache(cache);
    this.#byDefinition = new TtlCache(cache);
    this.#latest = new TtlCache(cache);
  }

  getById(id: number | string): Promise<RegisteredSchema> {
    const key = idKey(id);
    const hit = this.#byId.get(key);
    if (hit) return Promise.resolve(hit);
    return this.#inFlight.run(`id\u0000${key}`, async () => this.#remember(await this.#inner.getById(id)));
  }

  lookup(subject: string, schema: SchemaInput): Promise<RegisteredSchema> {
    const key = schemaKey(subject, schema);
    const hit = this.#byDefinition.get(key);
    if (hit) return Promise.resolve(hit);
    return this.#inFlight.run(`lookup\u0000${key}`, async () =>
      this.#rememberDefinition(key, await this.#inner.lookup(subject, schema)),
    );
  }

  register(subject: string, schema: SchemaInput): Promise<RegisteredSchema> {
    const key = schemaKey(subject, schema);
    const hit = this.#byDefinition.get(key);
    if (hit) return Promise.resolve(hit);
    return this.#inFlight.run(`register\u0000${key}`, async () => {
      const registered = await this.#inner.register(subject, schema);
      this.#latest.delete(subject);
      return this.#rememberDefinition(key, registered);
    });
  }

  getLatest(subject: string): Promise<RegisteredSchema> {
    const hit = this.#latest.get(subject);
    if (hit) return Promise.resolve(hit);
    return this.#inFlight.run(`latest\u0000${subject}`, async () => {
      const latest = this.#remember(await this.#inner.getLatest(subject));
      this.#latest.set(subject, latest);
      return latest;
    });
  }

  listSubjects(): Promise<string[]> {
    return this.#inner.listSubjects();
  }

  listVersions(subject: string): Promise<RegisteredSchema[]> {
    if (!this.#inner.listVersions) return Promise.resolve([]);
    return this.#inner.listVersions(subject);
  }

  checkCompatibility(subject: string, schema: SchemaInput): Promise<CompatibilityResult> {
    return this.#inner.checkCompatibility(subject, schema);
  }

  getCompatibility(subject?: string): Promise<CompatibilityLevel> {
    return this.#inner.getCompatibility(subject);
  }

  setCompatibility(level: CompatibilityLevel, subject?: string): Promise<void> {
    return this.#inner.setCompatibility(level, subject);
  }

  #remember(schema: RegisteredSchema): RegisteredSchema {
    this.#byId.set(idKey(schema.id), schema);
    return schema;
  }

  #rememberDefinition(key: string, schema: RegisteredSchema): RegisteredSchema {
    this.#byDefinition.set(key, schema);
    return this.#remember(schema);
  }
}
