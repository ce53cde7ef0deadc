import type { CompatibilityResult } from '../registry/types.js';
import type { CompatibilityLevel } from '../schema/index.js';
import { type CompatSchema, type Incompatibility, readIncompatibilities } from './formats.js';
import { levelRules } from './levels.js';
import type { AvroSource } from './parse.js';

/** A schema already registered under the subject. */
export interface PreviousSchema extends CompatSchema {
  /** The version number, used in messages. */
  readonly version: number;
}

export interface CompatibilityOptions {
  readonly level: CompatibilityLevel;
  readonly candidate: CompatSchema;
  /**
   * The versions to check against, oldest first. A non-transitive level checks only the last,
   * a transitive one all of them; pass a single version to check only that one (Confluent's
   * `POST /compatibility/subjects/{s}/versions/{v}`).
   */
  readonly previous: readonly PreviousSchema[];
}

/**
 * Checks a new schema (Avro, JSON Schema or Protobuf) against a subject's versions under a
 * Confluent compatibility level, with Confluent's rules for each format. Each message names
 * the level, the version, the rule (Confluent's difference type for JSON Schema and Protobuf)
 * and the path.
 *
 * @example
 * checkCompatibility({ level: 'BACKWARD', candidate: { type: 'JSON', definition: next }, previous: [{ version: 1, type: 'JSON', definition: v1 }] })
 * // { compatible: false, messages: ["BACKWARD: the new schema cannot read data written with version 1: TYPE_CHANGED at #/properties/id"] }
 */
export function checkCompatibility(options: CompatibilityOptions): CompatibilityResult {
  const { level, previous, candidate } = options;
  if (level === 'NONE' || previous.length === 0) return { compatible: true, messages: [] };
  const rules = levelRules(level);
  const against = rules.transitive ? previous : previous.slice(-1);
  const messages: string[] = [];
  for (const old of [...against].reverse()) {
    if (old.type !== candidate.type) {
      messages.push(
        `${level}: version ${old.version} is ${old.type} and the new schema ${candidate.type}: incompatible because of different schema type`,
      );
      continue;
    }
    if (rules.backward) {
      const relation = `the new schema cannot read data written with version ${old.version}`;
      messages.push(
        ...readIncompatibilities(old, candidate).map((issue) => describe(level, relation, issue)),
      );
    }
    if (rules.forward) {
      const relation = `data written with the new schema cannot be read by version ${old.version}`;
      messages.push(
        ...readIncompatibilities(candidate, old).map((issue) => describe(level, relation, issue)),
      );
    }
  }
  return { compatible: messages.length === 0, messages };
}

function describe(level: CompatibilityLevel, relation: string, issue: Incompatibility): string {
  const what = issue.rule ? `${issue.rule} at ${issue.path}` : `at ${issue.path}`;
  return `${level}: ${relation}: ${what}${issue.message ? `: ${issue.message}` : ''}`;
}

export interface AvroCompatibilityOptions {
  readonly level: CompatibilityLevel;
  readonly candidate: AvroSource;
  /** The subject's existing versions, oldest first. */
  readonly previous: readonly (AvroSource & { readonly version: number })[];
}

/** `checkCompatibility` for Avro schemas whose references are plain texts, dependencies first. */
export function checkAvroCompatibility(options: AvroCompatibilityOptions): CompatibilityResult {
  const avro = (source: AvroSource): CompatSchema => ({
    type: 'AVRO',
    definition: source.definition,
    references: (source.references ?? []).map((definition, index) => ({ name: String(index), definition })),
  });
  return checkCompatibility({
    level: options.level,
    candidate: avro(options.candidate),
    previous: options.previous.map((p) => ({ ...avro(p), version: p.version })),
  });
}
