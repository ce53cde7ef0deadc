import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SchemaType } from '../../../functions/lib/schema/index.js';

const root = join(import.meta.dirname, '..', '..', '..');

export function schemaFile(path: string): string {
  return readFileSync(join(root, path), 'utf8');
}

export interface Sample {
  readonly name: string;
  readonly topic: string;
  readonly schema: { readonly type: SchemaType; readonly definition: string };
  readonly message?: string;
  readonly value: unknown;
}

interface SampleFile {
  name: string;
  topic: string;
  type: SchemaType;
  schemaFile: string;
  message?: string;
  value: unknown;
}

/**
 * One value per codec (and nested, non-first Protobuf messages), from
 * test/fixtures/serde/samples.json, which the interop generators read too.
 */
export const samples: readonly Sample[] = (
  JSON.parse(schemaFile('test/fixtures/serde/samples.json')) as SampleFile[]
).map((s) => ({
  name: s.name,
  topic: s.topic,
  schema: { type: s.type, definition: schemaFile(s.schemaFile) },
  message: s.message,
  value: s.value,
}));

export const orderPlaced = samples[0]?.value as Record<string, unknown>;
