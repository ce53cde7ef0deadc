import { EnvNames } from '../functions/lib/config/env-names.js';

/** Everything the registry service reads from its environment, parsed once at start. */
export interface RegistryConfig {
  readonly host: string;
  readonly port: number;
  readonly glueRegistryName: string;
  readonly tableName: string;
  /** The DEK registry's table; the `/dek-registry` routes are served only with one. */
  readonly dekTableName?: string;
  readonly glueEndpoint?: string;
  readonly dynamodbEndpoint?: string;
  readonly createResources: boolean;
  /** Basic-auth users given inline (JSON). */
  readonly users: Readonly<Record<string, string>>;
  /** Secrets Manager secret with `{ username, password }` for basic auth. */
  readonly credentialsSecretArn?: string;
}

export class RegistryConfigError extends Error {
  readonly retryable = false;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new RegistryConfigError(`environment variable ${name} is required`);
  return value;
}

function parseUsers(text: string | undefined): Record<string, string> {
  if (!text) return {};
  try {
    const users = JSON.parse(text) as unknown;
    if (
      typeof users !== 'object' ||
      users === null ||
      Object.values(users).some((p) => typeof p !== 'string')
    ) {
      throw new Error('expected an object of user name to password');
    }
    return users as Record<string, string>;
  } catch (error) {
    throw new RegistryConfigError(`${EnvNames.registryUsers} is not valid: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** Reads the environment; fails fast naming the variable that is missing or wrong. */
export function readConfig(env: NodeJS.ProcessEnv): RegistryConfig {
  const port = Number(env[EnvNames.registryPort] ?? '8085');
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new RegistryConfigError(`${EnvNames.registryPort} must be a port number`);
  }
  return Object.freeze({
    host: env[EnvNames.registryHost] ?? '0.0.0.0',
    port,
    glueRegistryName: required(env, EnvNames.glueRegistryName),
    tableName: required(env, EnvNames.registryTableName),
    dekTableName: env[EnvNames.dekTableName] || undefined,
    glueEndpoint: env[EnvNames.glueEndpoint],
    dynamodbEndpoint: env[EnvNames.dynamodbEndpoint],
    createResources: env[EnvNames.registryCreateResources] === 'true',
    users: Object.freeze(parseUsers(env[EnvNames.registryUsers])),
    credentialsSecretArn: env[EnvNames.registryCredentialsSecretArn],
  });
}
