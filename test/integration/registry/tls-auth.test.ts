import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfluentRegistryClient, RegistryRequestError } from '../../../functions/lib/registry/index.js';
import { localEndpoints, uniqueName } from '../../support/local-aws.js';

const credentials = { username: 'eventline', password: uniqueName('secret') };
const dir = mkdtempSync(join(tmpdir(), 'eventline-tls-'));
let server: Server;
let url: string;
let ca: Buffer;

/** A TLS front with basic auth before Apicurio, as a deployment puts a load balancer before a registry. */
beforeAll(async () => {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  ca = readFileSync(join(dir, 'cert.pem'));
  const upstream = new URL(localEndpoints.apicurioUrl);
  const expected = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
  server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: ca }, (req, res) => {
    if (req.headers.authorization !== expected) {
      res
        .writeHead(401, { 'content-type': 'application/json' })
        .end('{"error_code":40101,"message":"Unauthorized"}');
      return;
    }
    const forward = request(
      new URL(`${upstream.pathname}${req.url}`, upstream.origin),
      { method: req.method, headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('ConfluentRegistryClient over TLS with basic auth', () => {
  it('registers and reads back through a registry that needs a trusted CA and credentials', async () => {
    const client = new ConfluentRegistryClient({ url, auth: credentials, tls: { ca } });
    const subject = `${uniqueName('reg.tls.sent')}-value`;

    const registered = await client.register(subject, { type: 'AVRO', definition: '"string"' });

    expect((await client.getById(registered.id)).definition).toBe('"string"');
  });

  it('reports wrong credentials as a non-retryable 401 with the URL', async () => {
    const client = new ConfluentRegistryClient({
      url,
      auth: { ...credentials, password: 'wrong' },
      tls: { ca },
    });

    const error = await client.listSubjects().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RegistryRequestError);
    expect(error).toMatchObject({
      status: 401,
      errorCode: 40101,
      retryable: false,
      url: `GET ${url}subjects`,
    });
  });

  it('refuses an untrusted certificate without retrying', async () => {
    const client = new ConfluentRegistryClient({ url, auth: credentials });

    const error = await client.listSubjects().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RegistryRequestError);
    expect(error).toMatchObject({ retryable: false, errorCode: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
  });
});
