import {
  CreateSecretCommand,
  DeleteSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { afterAll, describe, expect, it } from 'vitest';
import { RegistryCredentialsError, readRegistryCredentials } from '../../../functions/lib/registry/index.js';
import { localClientConfig, uniqueName } from '../../support/local-aws.js';

const secrets = new SecretsManagerClient(localClientConfig('moto'));
const created: string[] = [];

async function secret(value: string): Promise<string> {
  const answer = await secrets.send(
    new CreateSecretCommand({ Name: uniqueName('relay-registry'), SecretString: value }),
  );
  created.push(answer.ARN as string);
  return answer.ARN as string;
}

afterAll(async () => {
  await Promise.all(
    created.map((arn) =>
      secrets.send(new DeleteSecretCommand({ SecretId: arn, ForceDeleteWithoutRecovery: true })),
    ),
  );
});

describe('Registry credentials from Secrets Manager (moto)', () => {
  it('reads username and password from the secret', async () => {
    const arn = await secret(JSON.stringify({ username: 'relay', password: 's3cret' }));

    expect(await readRegistryCredentials(secrets, arn)).toEqual({ username: 'relay', password: 's3cret' });
  });

  it('refuses a secret without both fields, naming the secret', async () => {
    const arn = await secret(JSON.stringify({ username: 'relay' }));

    const error = await readRegistryCredentials(secrets, arn).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RegistryCredentialsError);
    expect((error as Error).message).toContain(arn);
  });
});
