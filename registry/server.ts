import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { uniqueNames } from './access/principals.js';
import { type Principal, type Role, Roles } from './access/roles.js';
import { registerOpenApi } from './api/openapi.js';
import { registerAudit } from './audit/audit-hook.js';
import type { AuditSink } from './audit/audit-sink.js';
import type { DekRegistry } from './dek/dek-registry.js';
import { registerAccessControl } from './http/auth.js';
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
  /** Who may call, with which role; with neither this nor `users`, basic auth is off. */
  readonly principals?: readonly Principal[];
  /** Role of calls without credentials (with principals configured). @default - none: they get 401 */
  readonly anonymousRole?: Role;
  /** User name → password of admin principals (shorthand for `principals` with the admin role). */
  readonly users?: Readonly<Record<string, string>>;
  /** Where every change's audit line goes. @default - none: changes are not audited */
  readonly audit?: AuditSink;
  /** Fastify's logger option (pino): JSON lines by default. @default true */
  readonly logger?: FastifyServerOptions['logger'];
}

/** Largest request body: a schema at Glue's limit, JSON-escaped, with room to spare. */
const bodyLimit = 2 * 1024 * 1024;

function admins(users: Readonly<Record<string, string>>): Principal[] {
  return Object.entries(users).map(([username, password]) => ({
    username,
    password,
    role: Roles.admin,
    subjectPrefixes: [],
  }));
}

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
  const principals = uniqueNames(
    [...(options.principals ?? []), ...admins(options.users ?? {})],
    'registry principals',
  );
  if (principals.length > 0) await registerAccessControl(app, principals, options.anonymousRole);
  if (options.audit) registerAudit(app, options.audit);
  opsRoutes(app, options.service, options.dekRegistry);
  subjectRoutes(app, options.service);
  schemaRoutes(app, options.service);
  compatibilityRoutes(app, options.service);
  configRoutes(app, options.service);
  if (options.dekRegistry) dekRegistryRoutes(app, options.dekRegistry);
  return app;
}
