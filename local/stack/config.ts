/**
 * Where the local stack listens. Every server binds to 127.0.0.1 only; the ports match
 * localstack-compose.yml so `stack env` prints the same endpoints for either.
 */
export const HOST = '127.0.0.1';

export const ports = {
  kafka: 9092,
  kafkaController: 9093,
  dynamodb: 8000,
  moto: 5000,
  apicurio: 8081,
  registry: 8085,
} as const;

/** Region and dummy credentials every local client uses; no request leaves the machine. */
export const localAws = {
  region: 'us-east-1',
  accessKeyId: 'test',
  secretAccessKey: 'test',
} as const;

/** The account the local stack stands under: the local synthesis' env and every local ARN. */
export const localAccount = '000000000000';

/** The ARN the local MSK cluster stands under (the local broker has no ARN of its own). */
export const localClusterArn = `arn:aws:kafka:${localAws.region}:${localAccount}:cluster/eventline-local/00000000-0000-0000-0000-000000000000-1`;

/** AWS SDK client configuration for the local stack: its region, its dummy credentials and the endpoint, when given. */
export function localAwsConfig(endpoint?: string) {
  return {
    region: localAws.region,
    credentials: { accessKeyId: localAws.accessKeyId, secretAccessKey: localAws.secretAccessKey },
    ...(endpoint ? { endpoint } : {}),
  };
}
