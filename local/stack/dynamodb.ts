import { join } from 'node:path';
import { HOST, localAws, ports } from './config.js';
import { resolveClasspaths } from './maven.js';
import { projectRoot } from './paths.js';
import { httpAnswers } from './probes.js';
import type { ServiceDefinition } from './service.js';

const launcher = join(projectRoot, 'local', 'stack', 'java', 'DynamoDbLocalLauncher.java');

export const dynamodb: ServiceDefinition = {
  name: 'dynamodb',
  description: 'DynamoDB Local with Streams',
  port: ports.dynamodb,
  startTimeoutMs: 60_000,
  async prepare() {
    const classpath = (await resolveClasspaths()).dynamodb ?? [];
    // sqlite4java loads its native library from java.library.path by its versioned file name.
    const nativeDirs = classpath
      .filter((entry) => entry.endsWith('.so'))
      .map((entry) => entry.replace(/\/[^/]+$/, ''));
    return {
      command: 'java',
      args: [
        '-Xmx512m',
        '-XX:+UseSerialGC',
        `-Djava.library.path=${nativeDirs.join(':')}`,
        '-cp',
        classpath.filter((entry) => entry.endsWith('.jar')).join(':'),
        launcher,
        HOST,
        '-port',
        String(ports.dynamodb),
        '-inMemory',
        '-sharedDb',
        '-disableTelemetry',
      ],
      env: { DDB_LOCAL_TELEMETRY: '0' },
    };
  },
  probe: () =>
    httpAnswers(`http://${HOST}:${ports.dynamodb}/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'DynamoDB_20120810.ListTables',
        authorization: `AWS4-HMAC-SHA256 Credential=${localAws.accessKeyId}/20200101/${localAws.region}/dynamodb/aws4_request, SignedHeaders=host, Signature=0`,
      },
      body: '{}',
    }),
};
