import type { FastifyInstance } from 'fastify';
import type { DekRegistry } from '../dek/dek-registry.js';
import type { RegistryService } from '../service/registry-service.js';

const status = { type: 'object', properties: { status: { type: 'string' }, message: { type: 'string' } } };

export function opsRoutes(app: FastifyInstance, service: RegistryService, dekRegistry?: DekRegistry): void {
  app.get('/', { schema: { hide: true } }, async () => ({}));
  app.get(
    '/health',
    { schema: { produces: ['application/json'], response: { 200: { description: 'Up', ...status } } } },
    async () => ({ status: 'UP' }),
  );
  app.get(
    '/ready',
    {
      schema: {
        produces: ['application/json'],
        response: {
          200: { description: 'Glue and DynamoDB answer', ...status },
          503: { description: 'Glue or DynamoDB unreachable', ...status },
        },
      },
    },
    async (request, reply) => {
      try {
        await Promise.all([service.ready(), dekRegistry?.ready()]);
        return { status: 'UP' };
      } catch (error) {
        request.log.warn({ err: error }, 'not ready');
        return reply.status(503).send({ status: 'DOWN', message: (error as Error).message });
      }
    },
  );
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
