import { join } from 'node:path';
import { projectRoot } from './paths.js';
import { portConfigFileName, readPortConfigFile, resolvePorts } from './port-config.js';

/** Every server of the local stack binds to 127.0.0.1 only. */
export const HOST = '127.0.0.1';

/**
 * Where the local stack listens: the defaults match localstack-compose.yml, and each moves with
 * its EVENTLINE_*_PORT variable or the checkout's eventline.config.json (see port-config.ts).
 * Read once, when the first module that needs an endpoint loads.
 */
export const ports = resolvePorts(process.env, readPortConfigFile(join(projectRoot, portConfigFileName)));

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
