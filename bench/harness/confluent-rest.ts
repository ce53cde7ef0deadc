import type { SchemaType } from '../../functions/lib/schema/index.js';

/**
 * The two Confluent REST calls the benchmarks need for set-up, done with plain fetch so the
 * set-up does not depend on the client under test.
 */
export async function registerSchema(
  baseUrl: string,
  subject: string,
  schema: { readonly type: SchemaType; readonly definition: string },
): Promise<number> {
  const response = await fetch(`${baseUrl}/subjects/${encodeURIComponent(subject)}/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ schema: schema.definition, schemaType: schema.type }),
  });
  const body = (await response.json()) as { id?: number; message?: string };
  if (!response.ok || typeof body.id !== 'number') {
    throw new Error(`registering ${subject} at ${baseUrl} failed: ${response.status} ${body.message ?? ''}`);
  }
  return body.id;
}

export async function deleteSubject(baseUrl: string, subject: string): Promise<void> {
  const url = `${baseUrl}/subjects/${encodeURIComponent(subject)}`;
  await fetch(url, { method: 'DELETE' }).catch(() => undefined);
  await fetch(`${url}?permanent=true`, { method: 'DELETE' }).catch(() => undefined);
}

/** True when the registry answers its API root within a second. */
export async function registryReachable(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/subjects`, { signal: AbortSignal.timeout(1000) });
    return response.ok;
  } catch {
    return false;
  }
}
