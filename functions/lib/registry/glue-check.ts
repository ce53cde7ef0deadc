import { checkAvroCompatibility, InvalidAvroSchemaError } from '../compat/index.js';
import { InvalidSchemaError } from './errors.js';
import { confluentCompatibility } from './glue-compatibility.js';
import type { CompatibilityResult, RegisteredSchema, SchemaInput } from './types.js';

export interface GlueCheckInput {
  readonly subject: string;
  readonly candidate: SchemaInput;
  /** The Glue schema's DataFormat and Compatibility. */
  readonly dataFormat: string | undefined;
  readonly mode: string | undefined;
  /** The subject's AVAILABLE versions, oldest first (fetched only when needed). */
  readonly versions: () => Promise<RegisteredSchema[]>;
}

/**
 * Glue has no dry-run compatibility call, so the answer is worked out here: Avro with
 * Eventline's checker (the same one the registry service uses), other formats only for the
 * rules Glue states up front (data format, DISABLED).
 */
export async function checkGlueCompatibility(input: GlueCheckInput): Promise<CompatibilityResult> {
  const { subject, candidate } = input;
  if (input.dataFormat !== undefined && input.dataFormat !== candidate.type) {
    return {
      compatible: false,
      messages: [`${subject} holds ${input.dataFormat} schemas; a ${candidate.type} schema cannot be added`],
    };
  }
  if (input.mode === 'DISABLED') {
    return {
      compatible: false,
      messages: [`${subject} has Glue compatibility DISABLED: it takes no new versions`],
    };
  }
  const level = confluentCompatibility(input.mode) ?? 'BACKWARD';
  if (level === 'NONE') return { compatible: true, messages: [] };
  if (candidate.type !== 'AVRO') {
    return {
      compatible: true,
      messages: [
        `${candidate.type} compatibility (${level}) is checked by Glue when the version is registered`,
      ],
    };
  }
  const previous = (await input.versions()).map((v, i) => ({
    version: v.version ?? i + 1,
    definition: v.definition,
  }));
  try {
    return checkAvroCompatibility({ level, candidate: { definition: candidate.definition }, previous });
  } catch (error) {
    if (error instanceof InvalidAvroSchemaError) {
      throw new InvalidSchemaError(`${subject}: ${error.message}`, { cause: error });
    }
    throw error;
  }
}
