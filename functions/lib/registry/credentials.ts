import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { RegistryCredentialsError } from './errors.js';
import type { RegistryOptions } from './options.js';

export interface RegistryCredentials {
  readonly username: string;
  readonly password: string;
}

/**
 * Basic-auth credentials for the registry service, from a Secrets Manager secret holding
 * `{ "username": ..., "password": ... }`. Read once at cold start; a rotated secret is
 * picked up by the next container.
 */
export async function readRegistryCredentials(
  secrets: SecretsManagerClient,
  secretArn: string,
): Promise<RegistryCredentials> {
  const answer = await secrets.send(new GetSecretValueCommand({ SecretId: secretArn }));
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.SecretString ?? '');
  } catch (error) {
    throw new RegistryCredentialsError(
      `secret ${secretArn} is not JSON ({ "username", "password" }): ${(error as Error).message}`,
    );
  }
  const { username, password } = (parsed ?? {}) as Partial<RegistryCredentials>;
  if (typeof username !== 'string' || typeof password !== 'string') {
    throw new RegistryCredentialsError(`secret ${secretArn} needs string "username" and "password"`);
  }
  return { username, password };
}

/**
 * The registry options with basic-auth credentials from the named secret (Confluent API
 * only; Glue uses IAM). Handlers call it once at cold start.
 */
export async function withRegistryCredentials(
  options: RegistryOptions,
  secretArn: string | undefined,
  secrets: () => SecretsManagerClient,
): Promise<RegistryOptions> {
  if (options.kind !== 'confluent' || !secretArn) return options;
  return { ...options, auth: await readRegistryCredentials(secrets(), secretArn) };
}
