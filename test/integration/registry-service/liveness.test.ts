import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GlueClient } from '@aws-sdk/client-glue';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistryService } from '../../../registry/create.js';
import { buildServer } from '../../../registry/server.js';
import { localClientConfig } from '../../support/local-aws.js';
import { freePort } from './free-port.js';
import { sharedTestGlueRegistry, testResources } from './support.js';

const resources = testResources();
let app: FastifyInstance;

beforeAll(async () => {
  // The table exists on DynamoDB Local; Glue is a port nothing answers on: a Glue outage.
  await createRegistryService({
    glue: new GlueClient(localClientConfig('glue')),
    dynamodb: new DynamoDBClient(localClientConfig('dynamodb')),
    glueRegistryName: sharedTestGlueRegistry,
    tableName: resources.tableName,
    createResources: true,
  });
  const deadGlue = new GlueClient({
    ...localClientConfig('glue'),
    endpoint: `http://127.0.0.1:${await freePort()}`,
    maxAttempts: 1,
  });
  const service = await createRegistryService({
    glue: deadGlue,
    dynamodb: new DynamoDBClient(localClientConfig('dynamodb')),
    glueRegistryName: sharedTestGlueRegistry,
    tableName: resources.tableName,
  });
  app = await buildServer({ service, logger: false, users: { eventline: 'secret' } });
});

afterAll(async () => {
  await app?.close();
  await resources.drop();
});

describe('Registry service probes during a Glue outage', () => {
  it('stays alive on /health, without credentials, so the load balancer keeps the task', async () => {
    const health = await app.inject({ method: 'GET', url: '/health' });

    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'UP' });
  });

  it('reports not ready on /ready, naming the failure', async () => {
    const ready = await app.inject({ method: 'GET', url: '/ready' });

    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ status: 'DOWN', message: expect.any(String) });
  });

  it('still asks for credentials everywhere else', async () => {
    const subjects = await app.inject({ method: 'GET', url: '/subjects' });

    expect(subjects.statusCode).toBe(401);
  });
});
