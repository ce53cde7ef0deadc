import { EnvNames } from '../../functions/lib/config/env-names.js';
import { HOST, localAws, ports } from './config.js';

/**
 * The local stack's endpoints as environment variables: Eventline's own names (read by
 * handlers and tests) and the AWS SDK's service-specific endpoint variables, so plain SDK
 * clients and the AWS CLI reach the local servers too.
 */
export function stackEnv(): Record<string, string> {
  const dynamodb = `http://${HOST}:${ports.dynamodb}`;
  const moto = `http://${HOST}:${ports.moto}`;
  return {
    [EnvNames.kafkaBrokers]: `${HOST}:${ports.kafka}`,
    [EnvNames.dynamodbEndpoint]: dynamodb,
    [EnvNames.glueEndpoint]: moto,
    [EnvNames.awsEndpoint]: moto,
    [EnvNames.apicurioUrl]: `http://${HOST}:${ports.apicurio}/apis/ccompat/v7`,
    [EnvNames.registryUrl]: `http://${HOST}:${ports.registry}`,
    AWS_REGION: localAws.region,
    AWS_ACCESS_KEY_ID: localAws.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localAws.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: dynamodb,
    AWS_ENDPOINT_URL_DYNAMODB_STREAMS: dynamodb,
    AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: moto,
    AWS_ENDPOINT_URL_GLUE: moto,
    AWS_ENDPOINT_URL_KAFKA: moto,
    AWS_ENDPOINT_URL_KMS: moto,
    AWS_ENDPOINT_URL_SQS: moto,
    AWS_ENDPOINT_URL_SNS: moto,
  };
}

/** `export NAME='value'` lines a shell can eval. */
export function formatEnv(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([name, value]) => `export ${name}='${value.replaceAll("'", "'\\''")}'`)
    .join('\n');
}
