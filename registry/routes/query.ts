/** Confluent's boolean query flags (`?deleted=true`, `?permanent=true`, ...). */
export function flag(query: unknown, name: string): boolean {
  const value = (query as Record<string, unknown> | undefined)?.[name];
  return value === 'true' || value === true;
}

/** An optional text query parameter (`?subject=...`). */
export function text(query: unknown, name: string): string | undefined {
  const value = (query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export interface SubjectParams {
  readonly subject: string;
}

export interface VersionParams extends SubjectParams {
  readonly version: string;
}
