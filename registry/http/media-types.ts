import type { FastifyInstance } from 'fastify';
import { fail } from '../errors.js';

/** What Confluent answers with; clients accept it and plain JSON alike. */
export const confluentMediaType = 'application/vnd.schemaregistry.v1+json';

/**
 * Bodies are JSON whatever the declared type (Confluent's types, plain JSON, octet-stream,
 * none), and malformed JSON is Confluent's 400 rather than a framework error.
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
  app.addHook('onSend', async (_request, reply, payload) => {
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('application/json'))
      reply.header('content-type', confluentMediaType);
    return payload;
  });
}
