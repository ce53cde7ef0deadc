import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ConfluentRegistryClient,
  RegistryRequestError,
  RegistryThrottledError,
  RegistryUnreachableError,
} from '../../../functions/lib/registry/index.js';

let server: Server | undefined;

/** A registry stand-in on 127.0.0.1 that answers every request with `handler`. */
async function serve(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

describe('Confluent client transport (fetch)', () => {
  it('retries a 429 and reports it as a retryable throttle with the error_code', async () => {
    let requests = 0;
    const url = await serve((_request, response) => {
      requests += 1;
      response
        .writeHead(429, { 'content-type': 'application/json' })
        .end('{"error_code":42901,"message":"Rate limit exceeded"}');
    });
    const client = new ConfluentRegistryClient({ url, retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 2 } });

    const error = await client.listSubjects().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RegistryThrottledError);
    expect(error).toMatchObject({
      status: 429,
      errorCode: 42901,
      retryable: true,
      url: `GET ${url}/subjects`,
    });
    expect(requests).toBe(3);
  });

  it('gives up on a registry that accepts the connection but never answers, as retryable', async () => {
    const url = await serve(() => undefined);
    const client = new ConfluentRegistryClient({ url, timeoutMs: 300, retry: { retries: 0 } });

    const started = Date.now();
    const error = await client.getById(1).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RegistryUnreachableError);
    expect(error).toMatchObject({ retryable: true, url: `GET ${url}/schemas/ids/1` });
    expect((error as Error).message).toContain('no answer within 300 ms');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('sends JSON with the Confluent media type and basic auth, and reads the JSON answer', async () => {
    const seen: { method?: string; type?: string; authorization?: string; body?: string }[] = [];
    const url = await serve((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
      });
      request.on('end', () => {
        seen.push({
          ...(request.method ? { method: request.method } : {}),
          ...(request.headers['content-type'] ? { type: request.headers['content-type'] } : {}),
          ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}),
          body,
        });
        response.writeHead(200, { 'content-type': 'application/vnd.schemaregistry.v1+json' }).end('{"id":7}');
      });
    });
    const client = new ConfluentRegistryClient({ url, auth: { username: 'u', password: 'p' } });

    const answer = await client.lookup('orders-value', { type: 'AVRO', definition: '"string"' });

    expect(answer.id).toBe(7);
    expect(seen[0]).toEqual({
      method: 'POST',
      type: 'application/vnd.schemaregistry.v1+json',
      authorization: `Basic ${Buffer.from('u:p').toString('base64')}`,
      body: JSON.stringify({ schema: '"string"' }),
    });
  });

  it('reports a redirect as a request error instead of following it with the credentials', async () => {
    const url = await serve((_request, response) => {
      response.writeHead(302, { location: 'http://127.0.0.1:9/elsewhere' }).end();
    });
    const client = new ConfluentRegistryClient({ url, auth: { username: 'u', password: 'p' } });

    const error = await client.listSubjects().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RegistryRequestError);
    expect(error).toMatchObject({ status: 302, retryable: false });
  });
});
