import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import {
  IncompatibleSchemaError,
  InvalidSchemaError,
  type RegistryError,
  type RegistryErrorContext,
  RegistryRequestError,
  RegistryThrottledError,
  RegistryUnreachableError,
  SchemaNotFoundError,
  SubjectNotFoundError,
} from './errors.js';
import type { ConfluentClientOptions } from './options.js';

const contentType = 'application/vnd.schemaregistry.v1+json';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Sends one JSON request to a Confluent-compatible registry and returns the parsed answer. */
export type RegistryHttp = (method: HttpMethod, path: string, body?: unknown) => Promise<unknown>;

/**
 * A keep-alive JSON transport on node:http(s). The kafkajs registry client's transport is not
 * used because it drops Confluent's `error_code` and reports a refused connection as HTTP 400.
 */
export function registryHttp(options: ConfluentClientOptions): RegistryHttp {
  const base = new URL(options.url.endsWith('/') ? options.url : `${options.url}/`);
  const secure = base.protocol === 'https:';
  const agent = secure
    ? new HttpsAgent({ keepAlive: true, ...options.tls })
    : new HttpAgent({ keepAlive: true });
  const send = secure ? httpsRequest : httpRequest;
  const authorization = options.auth
    ? `Basic ${Buffer.from(`${options.auth.username}:${options.auth.password}`).toString('base64')}`
    : undefined;
  const timeoutMs = options.timeoutMs ?? 10_000;

  return (method, path, body) => {
    const url = new URL(path.replace(/^\//, ''), base);
    const where = `${method} ${url.origin}${url.pathname}${url.search}`;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = send(
        url,
        {
          method,
          agent,
          headers: {
            accept: `${contentType}, application/json`,
            ...(payload === undefined ? {} : { 'content-type': contentType }),
            ...(authorization ? { authorization } : {}),
          },
          timeout: timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', (error) => reject(unreachable(where, error)));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const status = res.statusCode ?? 0;
            const parsed = parseJson(text);
            if (status >= 200 && status < 300) resolve(parsed);
            else reject(httpError(status, parsed ?? text, where));
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on('error', (error) => reject(unreachable(where, error)));
      req.end(payload);
    });
  };
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Certificate and TLS setup failures: retrying will not fix them. */
const tlsFailure = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|^ERR_TLS|^ERR_SSL/;

function unreachable(where: string, error: Error): RegistryError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code && tlsFailure.test(code)) {
    return new RegistryRequestError(`TLS to ${where} failed: ${code}: ${error.message}`, {
      url: where,
      errorCode: code,
      cause: error,
    });
  }
  return new RegistryUnreachableError(`registry unreachable at ${where}: ${code ?? error.message}`, {
    url: where,
    ...(code ? { errorCode: code } : {}),
    cause: error,
  });
}

/** Maps a Confluent error answer (`{ error_code, message }`) to our error classes. */
export function httpError(status: number, answer: unknown, where: string): RegistryError {
  const body = (answer ?? {}) as { error_code?: unknown; message?: unknown };
  const errorCode = typeof body.error_code === 'number' ? body.error_code : undefined;
  const detail =
    typeof body.message === 'string' ? body.message : typeof answer === 'string' && answer ? answer : '';
  const context: RegistryErrorContext = {
    status,
    url: where,
    ...(errorCode === undefined ? {} : { errorCode }),
  };
  const message = `${where} answered ${status}${errorCode === undefined ? '' : ` (error_code ${errorCode})`}${detail ? `: ${detail}` : ''}`;
  if (status === 429) return new RegistryThrottledError(message, context);
  if (status >= 500) return new RegistryUnreachableError(message, context);
  if (status === 409) return new IncompatibleSchemaError(message, [], context);
  if (errorCode === 40401) return new SubjectNotFoundError(message, context);
  if (status === 404) return new SchemaNotFoundError(message, context);
  if (errorCode === 42201) return new InvalidSchemaError(message, context);
  return new RegistryRequestError(message, context);
}
