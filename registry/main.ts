import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GlueClient } from '@aws-sdk/client-glue';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { type RegistryConfig, readConfig } from './config.js';
import { createDekRegistry, createRegistryService } from './create.js';
import { buildServer } from './server.js';

/** Basic-auth users: inline ones plus the `{ username, password }` secret when configured. */
async function loadUsers(config: RegistryConfig): Promise<Record<string, string>> {
  const users = { ...config.users };
  if (config.credentialsSecretArn) {
    const secret = await new SecretsManagerClient({}).send(
      new GetSecretValueCommand({ SecretId: config.credentialsSecretArn }),
    );
    const { username, password } = JSON.parse(secret.SecretString ?? '{}') as {
      username?: string;
      password?: string;
    };
    if (!username || !password)
      throw new Error('the registry credentials secret needs "username" and "password"');
    users[username] = password;
  }
  return users;
}

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
const app = await buildServer({
  service,
  users: await loadUsers(config),
  ...(dekRegistry ? { dekRegistry } : {}),
});

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
