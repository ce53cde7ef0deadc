import type { FastifyRequest } from 'fastify';

function field(value: unknown, name: string): string | undefined {
  const found =
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
  return typeof found === 'string' && found !== '' ? found : undefined;
}

/**
 * The subject a call is about: the path's, or the body's for the DEK route that takes it there
 * (`POST /dek-registry/v1/keks/:name/deks`).
 */
export function requestSubject(request: FastifyRequest): string | undefined {
  return field(request.params, 'subject') ?? field(request.body, 'subject');
}

/** The KEK a DEK-registry call is about: the path's, or the body's when one is created. */
export function requestKek(request: FastifyRequest): string | undefined {
  if (!request.routeOptions.url?.startsWith('/dek-registry/')) return undefined;
  return field(request.params, 'name') ?? field(request.body, 'name');
}

/** The resource a 40301 message names, in Confluent's words (`Subject: orders-value`). */
export function requestResource(request: FastifyRequest): string {
  const subject = requestSubject(request);
  if (subject !== undefined) return `Subject: ${subject}`;
  const kek = requestKek(request);
  return kek === undefined ? 'Global' : `Kek: ${kek}`;
}
