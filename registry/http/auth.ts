import { timingSafeEqual } from 'node:crypto';
import basicAuth from '@fastify/basic-auth';
import type { FastifyInstance } from 'fastify';
import { ErrorCodes, RegistryServiceError } from '../errors.js';

/** Paths a load balancer or orchestrator probes without credentials. */
const open = new Set(['/health', '/ready']);

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** HTTP basic auth over every route but the probes; `users` maps user name to password. */
export async function registerBasicAuth(
  app: FastifyInstance,
  users: Readonly<Record<string, string>>,
): Promise<void> {
  await app.register(basicAuth, {
    authenticate: { realm: 'eventline-registry' },
    validate: async (username, password) => {
      const expected = Object.hasOwn(users, username) ? users[username] : undefined;
      if (expected === undefined || !same(password, expected)) {
        throw new RegistryServiceError(401, ErrorCodes.unauthorized, 'Unauthorized');
      }
    },
  });
  app.addHook('onRequest', (request, reply, done) => {
    if (open.has(request.url.split('?')[0] ?? '')) return done();
    app.basicAuth(request, reply, done);
  });
}
