import { type RegisteredSchema, SchemaNotFoundError } from '../../../functions/lib/registry/index.js';
import type {
  CompatibilityResult,
  SchemaInput,
  SchemaRegistryClient,
} from '../../../functions/lib/registry/types.js';
import type { CompatibilityLevel } from '../../../functions/lib/schema/index.js';

/** Test double: an in-memory registry that counts its calls (unit tests only, no network). */
export class InMemoryRegistry implements SchemaRegistryClient {
  readonly calls: string[] = [];
  private readonly schemas: RegisteredSchema[] = [];
  private nextId = 1;

  constructor(readonly kind: 'confluent' | 'glue') {}

  async register(subject: string, schema: SchemaInput): Promise<RegisteredSchema> {
    this.calls.push(`register ${subject}`);
    const found = this.find(subject, schema);
    if (found) return found;
    const versions = this.schemas.filter((s) => s.subject === subject).length;
    const id =
      this.kind === 'glue'
        ? `00000000-0000-4000-8000-${String(this.nextId++).padStart(12, '0')}`
        : this.nextId++;
    const registered = {
      id,
      subject,
      version: versions + 1,
      type: schema.type,
      definition: schema.definition,
    };
    this.schemas.push(registered);
    return registered;
  }

  async lookup(subject: string, schema: SchemaInput): Promise<RegisteredSchema> {
    this.calls.push(`lookup ${subject}`);
    const found = this.find(subject, schema);
    if (!found) throw Object.assign(new Error(`schema not found under ${subject}`), { retryable: false });
    return found;
  }

  async getById(id: number | string): Promise<RegisteredSchema> {
    this.calls.push(`getById ${id}`);
    const found = this.schemas.find((s) => s.id === id);
    if (!found) throw new SchemaNotFoundError(`no schema ${id}`);
    return found;
  }

  async getLatest(subject: string): Promise<RegisteredSchema> {
    this.calls.push(`getLatest ${subject}`);
    const found = this.schemas.filter((s) => s.subject === subject).at(-1);
    if (!found) throw new Error(`no subject ${subject}`);
    return found;
  }

  async listSubjects(): Promise<string[]> {
    return [...new Set(this.schemas.map((s) => s.subject as string))];
  }

  async checkCompatibility(): Promise<CompatibilityResult> {
    return { compatible: true, messages: [] };
  }

  async getCompatibility(): Promise<CompatibilityLevel> {
    return 'BACKWARD';
  }

  async setCompatibility(): Promise<void> {}

  private find(subject: string, schema: SchemaInput): RegisteredSchema | undefined {
    return this.schemas.find((s) => s.subject === subject && s.definition === schema.definition);
  }
}
