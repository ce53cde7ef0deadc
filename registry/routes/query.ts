import { type LookupFilter, LookupFilters } from '../service/registry-service.js';

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

/** Which versions a listing shows, from Confluent's `deleted` and `deletedOnly` flags. */
export function lookupFilter(query: unknown): LookupFilter {
  // Confluent: deletedOnly wins when both are given.
  if (flag(query, 'deletedOnly')) return LookupFilters.deletedOnly;
  return flag(query, 'deleted') ? LookupFilters.includeDeleted : LookupFilters.live;
}

/** Confluent's `offset` and `limit` paging; a limit of zero or less (the default) means all. */
export function page<T>(items: readonly T[], query: unknown): T[] {
  const offset = Math.max(0, integer(query, 'offset') ?? 0);
  const limit = integer(query, 'limit') ?? -1;
  return items.slice(offset, limit > 0 ? offset + limit : undefined);
}

function integer(query: unknown, name: string): number | undefined {
  const value = Number(text(query, name));
  return Number.isInteger(value) ? value : undefined;
}

export interface SubjectParams {
  readonly subject: string;
}

export interface VersionParams extends SubjectParams {
  readonly version: string;
}
