import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { registerOpenApi } from './api/openapi.js';
import type { DekRegistry } from './dek/dek-registry.js';
import { registerBasicAuth } from './http/auth.js';
import { registerErrorHandling } from './http/error-handler.js';
import { registerBodyParsing } from './http/media-types.js';
import { registerMetrics } from './http/metrics.js';
import { compatibilityRoutes } from './routes/compatibility.js';
import { configRoutes } from './routes/config.js';
import { dekRegistryRoutes } from './routes/dek-registry.js';
import { opsRoutes } from './routes/ops.js';
import { schemaRoutes } from './routes/schemas.js';
import { subjectRoutes } from './routes/subjects.js';
import type { RegistryService } from './service/registry-service.js';

export interface RegistryServerOptions {
  readonly service: RegistryService;
  /** Confluent's DEK registry API (`/dek-registry/v1/keks`); not served when absent, as in a Confluent registry without it. */
  readonly dekRegistry?: DekRegistry;
  /** User name → password; basic auth is off when absent or empty. */
  readonly users?: Readonly<Record<string, string>>;
  /** Fastify's logger option (pino): JSON lines by default. @default true */
  readonly logger?: FastifyServerOptions['logger'];
}

/** Largest request body: a schema at Glue's limit, JSON-escaped, with room to spare. */
const bodyLimit = 2 * 1024 * 1024;

/** The Confluent Schema Registry API over Glue, ready to `listen()` (or `inject()` in tests). */
export async function buildServer(options: RegistryServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? true,
    bodyLimit,
    return503OnClosing: true,
    // One access line per request (written by the metrics hook) instead of Fastify's two.
    disableRequestLogging: true,
    // Subjects are path segments and may be long; Glue's 255-character limit is checked with a Confluent error.
    routerOptions: { maxParamLength: 4096 },
  });
  await registerOpenApi(app);
  registerErrorHandling(app);
  registerBodyParsing(app);
  registerMetrics(app);
  if (options.users && Object.keys(options.users).length > 0) await registerBasicAuth(app, options.users);
  opsRoutes(app, options.service, options.dekRegistry);
  subjectRoutes(app, options.service);
  schemaRoutes(app, options.service);
  compatibilityRoutes(app, options.service);
  configRoutes(app, options.service);
  if (options.dekRegistry) dekRegistryRoutes(app, options.dekRegistry);
  return app;
}
