import { EnvNames } from '../functions/lib/config/env-names.js';
import { EventlineError } from '../functions/lib/errors/index.js';
import { type PrincipalsDocument, parsePrincipalsDocument } from './access/principals.js';

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
  /** Admin users given inline (JSON user name → password). */
  readonly users: Readonly<Record<string, string>>;
  /** Principals given inline (the principals document). */
  readonly principals: PrincipalsDocument;
  /** A principals document to read at start. */
  readonly principalsFile?: string;
  /** Secrets Manager secrets holding one principal each. */
  readonly principalSecretArns: readonly string[];
  /** JSON-lines file for the audit trail. */
  readonly auditFile?: string;
  /** CloudWatch Logs group for the audit trail. */
  readonly auditLogGroup?: string;
}

export class RegistryConfigError extends EventlineError {}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new RegistryConfigError(`environment variable ${name} is required`);
  return value;
}

function parseJson<T>(
  name: string,
  text: string,
  check: (value: unknown) => value is T,
  expected: string,
): T {
  try {
    const value = JSON.parse(text) as unknown;
    if (!check(value)) throw new Error(`expected ${expected}`);
    return value;
  } catch (error) {
    throw new RegistryConfigError(`${name} is not valid: ${(error as Error).message}`, { cause: error });
  }
}

const isUsers = (value: unknown): value is Record<string, string> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.values(value).every((p) => typeof p === 'string');

const isArnList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((arn) => typeof arn === 'string' && arn !== '');

/** Reads the environment; fails fast naming the variable that is missing or wrong. */
export function readConfig(env: NodeJS.ProcessEnv): RegistryConfig {
  const port = Number(env[EnvNames.registryPort] ?? '8085');
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new RegistryConfigError(`${EnvNames.registryPort} must be a port number`);
  }
  const users = env[EnvNames.registryUsers];
  const principals = env[EnvNames.registryPrincipals];
  const secretArns = env[EnvNames.registryPrincipalSecretArns];
  return Object.freeze({
    host: env[EnvNames.registryHost] ?? '0.0.0.0',
    port,
    glueRegistryName: required(env, EnvNames.glueRegistryName),
    tableName: required(env, EnvNames.registryTableName),
    dekTableName: env[EnvNames.dekTableName] || undefined,
    glueEndpoint: env[EnvNames.glueEndpoint],
    dynamodbEndpoint: env[EnvNames.dynamodbEndpoint],
    createResources: env[EnvNames.registryCreateResources] === 'true',
    users: Object.freeze(
      users ? parseJson(EnvNames.registryUsers, users, isUsers, 'an object of user name to password') : {},
    ),
    principals: principals
      ? parsePrincipalsDocument(principals, EnvNames.registryPrincipals)
      : { principals: [] },
    principalsFile: env[EnvNames.registryPrincipalsFile] || undefined,
    principalSecretArns: secretArns
      ? parseJson(EnvNames.registryPrincipalSecretArns, secretArns, isArnList, 'a list of secret ARNs')
      : [],
    auditFile: env[EnvNames.registryAuditFile] || undefined,
    auditLogGroup: env[EnvNames.registryAuditLogGroup] || undefined,
  });
}
