import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import basicAuth from '@fastify/basic-auth';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requestResource, requestSubject } from '../access/request-target.js';
import { allows, type Principal, type Role } from '../access/roles.js';
import { routePolicy } from '../access/route-policy.js';
import { ErrorCodes, fail, RegistryServiceError } from '../errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who made the call, once basic auth accepted it; null before, and on the open probes. */
    principal: Principal | null;
  }
}

/** Paths a load balancer or orchestrator probes without credentials. */
const open = new Set(['/health', '/ready']);

/** Digests first: equal lengths for timingSafeEqual, so the time taken tells nothing about either value. */
function same(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** 403 / 40301 when the principal's role (or a writer's subject prefixes) does not cover the call. */
function authorize(request: FastifyRequest): void {
  const principal = request.principal;
  // Unmatched paths answer 404 whoever asks: there is nothing there to protect.
  if (principal === null || request.routeOptions.url === undefined) return;
  const policy = routePolicy(request.method, request.routeOptions.url);
  if (!allows(principal, policy.permission, requestSubject(request))) {
    throw fail.forbidden(policy.operation, requestResource(request));
  }
}

/**
 * HTTP basic auth over every route but the probes, then each call checked against the
 * principal's role: 401 for missing or wrong credentials, 403 with Confluent's 40301 for a
 * call the role does not allow.
 */
export async function registerAccessControl(
  app: FastifyInstance,
  principals: readonly Principal[],
  anonymousRole?: Role,
): Promise<void> {
  // Wrong credentials still get 401: only a call that sends none takes the anonymous role.
  const anonymous: Principal | undefined = anonymousRole && {
    username: 'anonymous',
    password: '',
    role: anonymousRole,
    subjectPrefixes: [''],
  };
  const byName = new Map(principals.map((principal) => [principal.username, principal]));
  // Unknown names are compared too, against a value no password equals, so they take as long.
  const nobody = `\u0000${randomUUID()}`;
  app.decorateRequest('principal', null);
  await app.register(basicAuth, {
    authenticate: { realm: 'eventline-registry' },
    validate: async (username, password, request) => {
      const principal = byName.get(username);
      const matches = same(password, principal?.password ?? nobody);
      if (principal === undefined || !matches) {
        throw new RegistryServiceError(401, ErrorCodes.unauthorized, 'Unauthorized');
      }
      request.principal = principal;
    },
  });
  app.addHook('onRequest', (request, reply, done) => {
    if (open.has(request.url.split('?')[0] ?? '')) return done();
    if (anonymous && request.headers.authorization === undefined) {
      request.principal = anonymous;
      return done();
    }
    app.basicAuth(request, reply, done);
  });
  // After body parsing: one DEK route names its subject in the body.
  app.addHook('preHandler', async (request) => authorize(request));
}
