/**
 * Confluent's data contract shapes (`io.confluent.kafka.schemaregistry.client.rest.entities`
 * Metadata, RuleSet, Rule), as they travel in register, lookup and read bodies.
 */

export const RuleKinds = { transform: 'TRANSFORM', condition: 'CONDITION' } as const;
export type RuleKind = (typeof RuleKinds)[keyof typeof RuleKinds];

export const RuleModes = {
  upgrade: 'UPGRADE',
  downgrade: 'DOWNGRADE',
  updown: 'UPDOWN',
  write: 'WRITE',
  read: 'READ',
  writeRead: 'WRITEREAD',
} as const;
export type RuleMode = (typeof RuleModes)[keyof typeof RuleModes];

/** Business metadata on a schema version: tags by field path, free properties, sensitive property names. */
export interface SchemaMetadata {
  readonly tags?: Readonly<Record<string, readonly string[]>>;
  readonly properties?: Readonly<Record<string, string>>;
  readonly sensitive?: readonly string[];
}

/** One data contract rule, e.g. the ENCRYPT transform on PII-tagged fields. */
export interface SchemaRule {
  readonly name: string;
  readonly doc?: string;
  readonly kind?: RuleKind;
  readonly mode?: RuleMode;
  readonly type?: string;
  readonly tags?: readonly string[];
  readonly params?: Readonly<Record<string, string>>;
  readonly expr?: string;
  readonly onSuccess?: string;
  readonly onFailure?: string;
  readonly disabled?: boolean;
}

export interface SchemaRuleSet {
  readonly migrationRules?: readonly SchemaRule[];
  readonly domainRules?: readonly SchemaRule[];
  readonly encodingRules?: readonly SchemaRule[];
}
