import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GlueClient } from '@aws-sdk/client-glue';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { loadPrincipals } from './access/load-principals.js';
import { createAuditSink } from './audit/create-sink.js';
import { readConfig } from './config.js';
import { createDekRegistry, createRegistryService } from './create.js';
import { buildServer } from './server.js';

const config = readConfig(process.env);
const dynamodb = new DynamoDBClient(config.dynamodbEndpoint ? { endpoint: config.dynamodbEndpoint } : {});
const service = await createRegistryService({
  // One retry policy for Glue calls (the Glue adapter's, with jitter), not the SDK's on top of it.
  glue: new GlueClient({ ...(config.glueEndpoint ? { endpoint: config.glueEndpoint } : {}), maxAttempts: 1 }),
  dynamodb,
  glueRegistryName: config.glueRegistryName,
  tableName: config.tableName,
  createResources: config.createResources,
});
const dekRegistry = config.dekTableName
  ? await createDekRegistry({
      dynamodb,
      tableName: config.dekTableName,
      createResources: config.createResources,
    })
  : undefined;
const audit = createAuditSink({
  ...(config.auditFile ? { file: config.auditFile } : {}),
  ...(config.auditLogGroup ? { logGroupName: config.auditLogGroup } : {}),
});
const access = await loadPrincipals(
  {
    inline: config.principals,
    ...(config.principalsFile ? { file: config.principalsFile } : {}),
    secretArns: config.principalSecretArns,
  },
  () => new SecretsManagerClient({}),
);
const app = await buildServer({
  service,
  principals: access.principals,
  ...(access.anonymous ? { anonymousRole: access.anonymous } : {}),
  users: config.users,
  ...(audit ? { audit } : {}),
  ...(dekRegistry ? { dekRegistry } : {}),
});
if (!audit) app.log.warn('no audit sink configured: registry changes are not audited');

// Fargate sends SIGTERM and waits: stop taking requests, finish the ones in flight, then exit.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    app.log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

await app.listen({ host: config.host, port: config.port });
