import type { CompatibilityLevel, SchemaType } from '../schema/index.js';
import type { SchemaMetadata, SchemaRuleSet } from './data-contract.js';

/** A schema as a registry stores it. */
export interface RegisteredSchema {
  /** Confluent int id, or Glue schema-version UUID. */
  readonly id: number | string;
  readonly type: SchemaType;
  readonly definition: string;
  readonly subject?: string;
  readonly version?: number;
  /** Confluent data contract metadata stored with the version, when it has any. */
  readonly metadata?: SchemaMetadata;
  /** Confluent data contract rules stored with the version, when it has any. */
  readonly ruleSet?: SchemaRuleSet;
}

export interface SchemaReference {
  readonly name: string;
  readonly subject: string;
  readonly version: number;
}

export interface SchemaInput {
  readonly type: SchemaType;
  readonly definition: string;
  readonly references?: readonly SchemaReference[];
  /** Sent on register and lookup; part of the version's identity in Confluent's registry. */
  readonly metadata?: SchemaMetadata;
  readonly ruleSet?: SchemaRuleSet;
}

export interface CompatibilityResult {
  readonly compatible: boolean;
  /** Why not, one line per broken rule (which field breaks which rule). */
  readonly messages: readonly string[];
}

/**
 * What the serde and the CLI need from a schema registry, whichever kind it is
 * (Confluent-compatible REST, or AWS Glue Schema Registry).
 */
export interface SchemaRegistryClient {
  readonly kind: 'confluent' | 'glue';
  /** Registers the schema under the subject (idempotent); returns its id. */
  register(subject: string, schema: SchemaInput): Promise<RegisteredSchema>;
  /** The id of this exact schema under the subject; SchemaNotFoundError if absent. */
  lookup(subject: string, schema: SchemaInput): Promise<RegisteredSchema>;
  /** By Confluent int id, GUID string (Confluent v1) or Glue schema-version UUID. */
  getById(id: number | string): Promise<RegisteredSchema>;
  getLatest(subject: string): Promise<RegisteredSchema>;
  listSubjects(): Promise<string[]>;
  checkCompatibility(subject: string, schema: SchemaInput): Promise<CompatibilityResult>;
  getCompatibility(subject?: string): Promise<CompatibilityLevel>;
  setCompatibility(level: CompatibilityLevel, subject?: string): Promise<void>;
  /** Every version of the subject, oldest first (the CLI's `schemas list`, compatibility explanations). */
  listVersions?(subject: string): Promise<RegisteredSchema[]>;
}
