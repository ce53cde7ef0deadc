import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestKek, requestSubject } from '../access/request-target.js';
import { routePolicy } from '../access/route-policy.js';
import { type AuditAction, type AuditEntry, type AuditResult, AuditResults } from './audit-entry.js';
import type { AuditSink } from './audit-sink.js';

function parse(payload: unknown): Record<string, unknown> | number | undefined {
  if (typeof payload !== 'string' || payload === '') return undefined;
  try {
    const value = JSON.parse(payload) as unknown;
    if (typeof value === 'number') return value;
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function result(status: number): AuditResult {
  if (status < 400) return AuditResults.success;
  return status === 401 || status === 403 ? AuditResults.denied : AuditResults.failed;
}

const numberIn = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/** The audit line of one answered change: who, what, on which subject/version/id/KEK, how it ended. */
export function auditEntry(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  action: AuditAction,
): AuditEntry {
  const answer = parse(payload);
  const body = typeof answer === 'object' ? answer : {};
  const pathVersion = (request.params as { version?: unknown } | undefined)?.version;
  // Deleting a version answers its number; creating a DEK answers the DEK with its version.
  const version = typeof answer === 'number' ? answer : (numberIn(body.version) ?? pathVersion);
  const subject = requestSubject(request);
  const kek = requestKek(request);
  const id = numberIn(body.id);
  const errorCode = reply.statusCode >= 400 ? numberIn(body.error_code) : undefined;
  return {
    time: new Date().toISOString(),
    principal: request.principal?.username ?? null,
    action,
    result: result(reply.statusCode),
    status: reply.statusCode,
    ...(errorCode === undefined ? {} : { errorCode }),
    ...(subject === undefined ? {} : { subject }),
    ...(typeof version === 'number' || typeof version === 'string' ? { version } : {}),
    ...(id === undefined ? {} : { id }),
    ...(kek === undefined ? {} : { kek }),
    requestId: request.id,
  };
}

/**
 * One audit line for every answered change, refused and failed ones included. The line is
 * stored before the answer leaves; a sink failure is logged with the line and the answer still
 * sent, because the change it describes has already happened.
 */
export function registerAudit(app: FastifyInstance, sink: AuditSink): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.routeOptions.url === undefined) return payload;
    const action = routePolicy(request.method, request.routeOptions.url).action;
    if (action === undefined) return payload;
    const entry = auditEntry(request, reply, payload, action);
    try {
      await sink.write(entry);
    } catch (error) {
      request.log.error({ err: error, audit: entry }, 'audit line not stored');
    }
    return payload;
  });
}
