import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ports } from '../../../local/stack/config.js';
import { uniqueName } from '../../support/local-aws.js';
import { eventline, eventlineIntoHead, kafkaFixture } from './support.js';

describe('eventline output into a closed pipe', () => {
  let kafka: Awaited<ReturnType<typeof kafkaFixture>>;
  const topic = uniqueName('cli.epipe');

  beforeAll(async () => {
    kafka = await kafkaFixture();
    await kafka.createTopic(topic, 1);
    // Far more than a pipe buffer holds, so the CLI is still writing when head has gone.
    // Sent in batches: one request with all of them would exceed the broker's message size limit.
    const value = Buffer.alloc(512, 0x61);
    for (let batch = 0; batch < 10; batch++) {
      await kafka.send(
        topic,
        Array.from({ length: 200 }, (_, i) => ({ key: `k-${batch * 200 + i}`, value })),
      );
    }
  });
  afterAll(() => kafka.teardown());

  it('ends quietly with success when the reader closes the pipe', async () => {
    const { code, stderr, firstLine } = await eventlineIntoHead(['consume', topic, '--raw']);

    expect(JSON.parse(firstLine)).toMatchObject({ topic, offset: 0 });
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe('eventline --version and stack env', () => {
  it('prints the package version', async () => {
    const { version } = (await import('../../../package.json', { with: { type: 'json' } })).default;
    const { code, stdout } = eventline(['--version']);

    expect(code).toBe(0);
    expect(stdout).toBe(`${version}\n`);
  });

  it('exports the registry service URL with the other endpoints', () => {
    const { stdout } = eventline(['stack', 'env']);

    expect(stdout).toContain(`export EVENTLINE_REGISTRY_URL='http://127.0.0.1:${ports.registry}'`);
    expect(stdout).toContain("export EVENTLINE_APICURIO_URL='");
  });
});
