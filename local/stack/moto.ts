import { join } from 'node:path';
import { HOST, ports } from './config.js';
import { httpAnswers } from './probes.js';
import { ensureVenv } from './python.js';
import type { ServiceDefinition } from './service.js';

export const moto: ServiceDefinition = {
  name: 'moto',
  description: 'moto server: Glue Schema Registry, MSK, SQS, SNS APIs',
  port: ports.moto,
  startTimeoutMs: 60_000,
  async prepare() {
    const bin = await ensureVenv('moto');
    return { command: join(bin, 'moto_server'), args: ['-H', HOST, '-p', String(ports.moto)] };
  },
  // moto's dashboard page: a fixed 10 KB, where /moto-api/data.json grows with every resource
  // the tests create (4.6 MB after one suite) until it misses the probe's 2 s timeout.
  probe: () => httpAnswers(`http://${HOST}:${ports.moto}/moto-api/`),
};
