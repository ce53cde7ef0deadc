import { EnvNames } from '../../functions/lib/config/env-names.js';
import { localAwsConfig } from '../../local/stack/config.js';
import { stackEnv } from '../../local/stack/env.js';

export { uniqueName } from '../../local/stack/unique-name.js';

const env = stackEnv();

/** Client configuration for an AWS SDK v3 client talking to the local stack. */
export function localClientConfig(service: 'dynamodb' | 'glue' | 'moto') {
  const endpoint = service === 'dynamodb' ? env[EnvNames.dynamodbEndpoint] : env[EnvNames.glueEndpoint];
  return localAwsConfig(endpoint);
}

export const localEndpoints = {
  kafkaBrokers: (env[EnvNames.kafkaBrokers] ?? '').split(','),
  apicurioUrl: env[EnvNames.apicurioUrl] as string,
} as const;
