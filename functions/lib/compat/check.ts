import type avro from 'avsc';
import type { CompatibilityResult } from '../registry/types.js';
import { type CompatibilityLevel, levelRules } from './levels.js';
import { type AvroSource, parseAvroSource } from './parse.js';
import { readIssues } from './reader-writer.js';

/** A schema already registered under the subject. */
export interface PreviousSchema extends AvroSource {
  /** The version number, used in messages. */
  readonly version: number;
}

export interface AvroCompatibilityOptions {
  readonly level: CompatibilityLevel;
  readonly candidate: AvroSource;
  /** The subject's existing versions, oldest first. */
  readonly previous: readonly PreviousSchema[];
}

/**
 * Checks a new Avro schema against a subject's existing versions under a Confluent
 * compatibility level. Each message names the rule, the version and the field that breaks it.
 *
 * @example
 * checkAvroCompatibility({ level: 'BACKWARD', candidate: { definition: next }, previous: [{ version: 1, definition: v1 }] })
 */
export function checkAvroCompatibility(options: AvroCompatibilityOptions): CompatibilityResult {
  const { level, previous } = options;
  if (level === 'NONE' || previous.length === 0) return { compatible: true, messages: [] };
  const rules = levelRules(level);
  const candidate = parseAvroSource(options.candidate);
  const against = rules.transitive ? previous : previous.slice(-1);
  const messages: string[] = [];
  for (const old of [...against].reverse()) {
    const oldType = parseAvroSource(old);
    if (rules.backward) {
      messages.push(
        ...describeIssues(
          level,
          'the new schema cannot read data written with',
          old.version,
          candidate,
          oldType,
        ),
      );
    }
    if (rules.forward) {
      messages.push(
        ...describeIssues(
          level,
          'data written with the new schema cannot be read by',
          old.version,
          oldType,
          candidate,
        ),
      );
    }
  }
  return { compatible: messages.length === 0, messages };
}

function describeIssues(
  level: CompatibilityLevel,
  relation: string,
  version: number,
  reader: avro.Type,
  writer: avro.Type,
): string[] {
  return readIssues(reader, writer).map(
    (issue) => `${level}: ${relation} version ${version}: at ${issue.path}: ${issue.message}`,
  );
}
