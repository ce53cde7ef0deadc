import type { FastifyInstance } from 'fastify';
import type { DekRegistry } from '../dek/dek-registry.js';
import { openApiDocument } from '../openapi.js';
import type { RegistryService } from '../service/registry-service.js';

export function opsRoutes(app: FastifyInstance, service: RegistryService, dekRegistry?: DekRegistry): void {
  app.get('/', async () => ({}));
  app.get('/health', async () => ({ status: 'UP' }));
  app.get('/ready', async (request, reply) => {
    try {
      await Promise.all([service.ready(), dekRegistry?.ready()]);
      return { status: 'UP' };
    } catch (error) {
      request.log.warn({ err: error }, 'not ready');
      return reply.status(503).send({ status: 'DOWN', message: (error as Error).message });
    }
  });
  app.get('/openapi.json', async () => openApiDocument);
}
