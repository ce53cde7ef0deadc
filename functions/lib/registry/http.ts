import { Agent, request } from 'undici';
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
 * A JSON transport on undici, with one keep-alive agent per client that also carries the TLS
 * settings. undici's `request` rather than its `fetch`: fetch refuses the ports on the WHATWG
 * block list (a registry on one would be unreachable), follows redirects that a registry client
 * should report, and builds WHATWG Request, Headers and Response objects on every call, which
 * made a warm request cost more than on node:http where `request` costs less. The kafkajs registry
 * client's transport is not used because it drops Confluent's `error_code` and reports a refused
 * connection as HTTP 400.
 */
export function registryHttp(options: ConfluentClientOptions): RegistryHttp {
  const base = new URL(options.url.endsWith('/') ? options.url : `${options.url}/`);
  const timeoutMs = options.timeoutMs ?? 10_000;
  // Timeouts on the agent bound each wait (connect, headers, body) as the socket timeout of a
  // node:http request did, without a timer per request.
  const dispatcher = new Agent({
    connect: { timeout: timeoutMs, ...options.tls },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  const authorization = options.auth
    ? `Basic ${Buffer.from(`${options.auth.username}:${options.auth.password}`).toString('base64')}`
    : undefined;

  return async (method, path, body) => {
    const url = new URL(path.replace(/^\//, ''), base);
    const where = `${method} ${url.origin}${url.pathname}${url.search}`;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    let status: number;
    let text: string;
    try {
      const response = await request(url, {
        method,
        dispatcher,
        headers: {
          accept: `${contentType}, application/json`,
          ...(payload === undefined ? {} : { 'content-type': contentType }),
          ...(authorization ? { authorization } : {}),
        },
        ...(payload === undefined ? {} : { body: payload }),
      });
      status = response.statusCode;
      text = await response.body.text();
    } catch (error) {
      throw unreachable(where, error as Error, timeoutMs);
    }
    const parsed = parseJson(text);
    if (status >= 200 && status < 300) return parsed;
    throw httpError(status, parsed ?? text, where);
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

/** undici's codes for a connect, headers or body wait that ran out. */
const timedOut = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

function unreachable(where: string, error: Error, timeoutMs: number): RegistryError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code && timedOut.has(code)) {
    return new RegistryUnreachableError(
      `registry unreachable at ${where}: no answer within ${timeoutMs} ms`,
      {
        url: where,
        errorCode: code,
        cause: error,
      },
    );
  }
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
