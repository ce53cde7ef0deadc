import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { HOST } from '../../../local/stack/config.js';
import { projectRoot } from '../../../local/stack/paths.js';
import { defaultPorts, type PortName } from '../../../local/stack/port-config.js';
import { services } from '../../../local/stack/stack.js';

interface ComposeFile {
  services: Record<string, { image?: string; build?: unknown; ports?: string[] }>;
}

const compose = parse(readFileSync(join(projectRoot, 'localstack-compose.yml'), 'utf8')) as ComposeFile;
const published = Object.entries(compose.services).flatMap(([name, service]) =>
  (service.ports ?? []).map((mapping) => {
    const [host, port] = mapping.split(':');
    return { name, host, port: Number(port) };
  }),
);

describe('localstack-compose.yml', () => {
  it.each(services.map((s) => [s.name, defaultPorts[s.name as PortName]] as const))(
    'publishes %s on its default stack port %i',
    (name, port) => {
      const match = published.filter((p) => p.port === port);

      expect(match, `no compose service publishes ${name}'s port ${port}`).toHaveLength(1);
      expect(match[0]?.host).toBe(HOST);
    },
  );

  it('binds every published port to loopback and pins every image', () => {
    expect(published.every((p) => p.host === HOST)).toBe(true);
    for (const [name, service] of Object.entries(compose.services)) {
      if (service.build) continue;
      expect(service.image, name).toMatch(/:[0-9][^:]*$/);
    }
  });

  it('uses the same Kafka version as the stack', () => {
    const pom = readFileSync(join(projectRoot, 'local/stack/maven/kafka/pom.xml'), 'utf8');
    const version = /<artifactId>kafka_2\.13<\/artifactId>\s*<version>([^<]+)</.exec(pom)?.[1];

    expect(compose.services.kafka?.image).toBe(`apache/kafka:${version}`);
  });
});
