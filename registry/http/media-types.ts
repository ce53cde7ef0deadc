import type { FastifyInstance } from 'fastify';
import { fail } from '../errors.js';

/** What Confluent answers with; clients accept it and plain JSON alike. */
export const confluentMediaType = 'application/vnd.schemaregistry.v1+json';

/** Request types Confluent's resources consume; octet-stream stands for "no type given". */
const acceptedRequestTypes = new Set([
  confluentMediaType,
  'application/vnd.schemaregistry+json',
  'application/json',
  'application/octet-stream',
]);

/** Response types Confluent produces, with their server-side quality (Jersey's `qs`). */
const producedTypes = [
  { type: confluentMediaType, qs: 1 },
  { type: 'application/vnd.schemaregistry+json', qs: 0.9 },
  { type: 'application/json', qs: 0.5 },
] as const;

/**
 * The produced type an `Accept` header prefers, or undefined when it accepts none of them:
 * the client's q decides first and the server's qs breaks ties, as Jersey ranks them.
 */
export function negotiateResponseType(accept: string | undefined): string | undefined {
  if (accept === undefined || accept.trim() === '') return confluentMediaType;
  let best: { type: string; q: number; qs: number } | undefined;
  for (const range of accept.split(',')) {
    const [name = '', ...params] = range.split(';').map((part) => part.trim().toLowerCase());
    const q = Number(params.find((p) => p.startsWith('q='))?.slice(2) ?? '1');
    if (!(q > 0)) continue;
    for (const { type, qs } of producedTypes) {
      const matches =
        name === '*/*' || name === type || (name === 'application/*' && type.startsWith('application/'));
      if (matches && (!best || q > best.q || (q === best.q && qs > best.qs))) best = { type, q, qs };
    }
  }
  return best?.type;
}

/** Paths outside Confluent's API (probes, metrics, the API document): no negotiation there. */
const opsPaths = new Set(['/', '/health', '/ready', '/metrics', '/openapi.json']);

/**
 * Bodies are JSON whatever the accepted type (Confluent's types, plain JSON, octet-stream,
 * none); any other declared type is Confluent's 415, an `Accept` it cannot serve its 406, and
 * malformed JSON its 400 rather than a framework error. Answers carry the negotiated type.
 */
export function registerBodyParsing(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      done(fail.badRequest(`Unexpected character in JSON body: ${(error as Error).message}`), undefined);
    }
  });
  // After authentication (onRequest) and before the body is read, as Jersey matches a
  // resource's @Consumes and @Produces before it reads the entity; unknown paths stay 404.
  app.addHook('preParsing', async (request) => {
    if (request.is404 || opsPaths.has(request.url.split('?')[0] ?? '')) return;
    const declared = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
    if (
      declared &&
      (request.method === 'POST' || request.method === 'PUT') &&
      !acceptedRequestTypes.has(declared)
    ) {
      throw fail.unsupportedMediaType();
    }
    if (negotiateResponseType(request.headers.accept) === undefined) throw fail.notAcceptable();
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const type = reply.getHeader('content-type');
    if (
      typeof type === 'string' &&
      (type.startsWith('application/json') || type.startsWith(confluentMediaType))
    ) {
      reply.header('content-type', negotiateResponseType(request.headers.accept) ?? confluentMediaType);
    }
    return payload;
  });
}
