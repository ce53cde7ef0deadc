import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfluentRegistryClient } from '../../../functions/lib/registry/index.js';
import { createSerde } from '../../../functions/lib/serde/index.js';
import { localEndpoints, uniqueName } from '../../support/local-aws.js';
import { waitFor } from '../../support/wait-for.js';
import { samples } from '../../unit/serde/samples.js';
import { eventline, eventlineAsync, kafkaFixture } from './support.js';

const avro = samples.find((s) => s.schema.type === 'AVRO') as (typeof samples)[number];

function lines(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('eventline consume', () => {
  let kafka: Awaited<ReturnType<typeof kafkaFixture>>;
  const topic = uniqueName('cli.consume');
  let encoded: Buffer;
  const garbage = Buffer.from([0xff, 0x01, 0x02]);
  // An hour ago: a fixed past date would fall out of the broker's retention and be deleted under the test.
  const base = Date.now() - 3_600_000;
  const at = (minutes: number) => new Date(base + minutes * 60_000).toISOString();

  beforeAll(async () => {
    kafka = await kafkaFixture();
    await kafka.createTopic(topic, 2);
    const serde = createSerde({
      registry: { kind: 'confluent', url: localEndpoints.apicurioUrl },
      client: new ConfluentRegistryClient({ url: localEndpoints.apicurioUrl }),
      autoRegister: true,
    });
    encoded = await serde.encode(avro.value, { topic, schema: avro.schema });
    // Partition 0: two decodable records, then one that no registry can decode; partition 1: one.
    for (const [i, value] of [encoded, encoded, garbage].entries()) {
      await kafka.send(topic, [
        {
          partition: 0,
          key: `k-${i}`,
          value,
          headers: { 'event-id': `e-${i}` },
          timestamp: String(base + i * 60_000),
        },
      ]);
    }
    await kafka.send(topic, [{ partition: 1, key: 'k-p1', value: encoded, timestamp: String(base) }]);
  });
  afterAll(() => kafka.teardown());

  it('prints every record from the beginning, decoded, with the undecodable one and its error', () => {
    const { code, stdout, stderr } = eventline(['consume', topic]);

    expect(stderr).toBe('');
    expect(code).toBe(0);
    const records = lines(stdout);
    expect(records).toHaveLength(4);
    const p0 = records.filter((r) => r.partition === 0);
    expect(p0.map((r) => r.offset)).toEqual([0, 1, 2]);
    expect(p0[0]).toEqual({
      topic,
      partition: 0,
      offset: 0,
      timestamp: at(0),
      key: 'k-0',
      headers: { 'event-id': 'e-0' },
      format: 'confluent',
      schemaId: encoded.readInt32BE(1),
      compression: 'none',
      value: avro.value,
    });
    expect(p0[2]).toMatchObject({ offset: 2, key: 'k-2', valueHex: 'ff0102' });
    expect(String(p0[2]?.error)).not.toBe('');
    expect(records.find((r) => r.partition === 1)).toMatchObject({ key: 'k-p1', value: avro.value });
  });

  it('starts at an offset on chosen partitions and stops after --max records', () => {
    const { code, stdout } = eventline(['consume', topic, '--partitions', '0', '--from', '1', '--max', '1']);

    expect(code).toBe(0);
    expect(lines(stdout).map((r) => [r.partition, r.offset])).toEqual([[0, 1]]);
  });

  it('starts at the first record at or after a timestamp', () => {
    const { stdout } = eventline(['consume', topic, '--from', at(1)]);

    expect(lines(stdout).map((r) => [r.partition, r.offset])).toEqual([
      [0, 1],
      [0, 2],
    ]);
  });

  it('prints nothing from the end without --follow', () => {
    const { code, stdout } = eventline(['consume', topic, '--from', 'end']);

    expect(code).toBe(0);
    expect(stdout).toBe('');
  });

  it('prints key and value bytes as hex with --raw', () => {
    const { stdout } = eventline(['consume', topic, '--raw', '--partitions', '0', '--max', '1']);

    expect(lines(stdout)).toEqual([
      {
        topic,
        partition: 0,
        offset: 0,
        timestamp: at(0),
        keyHex: Buffer.from('k-0').toString('hex'),
        headers: { 'event-id': 'e-0' },
        valueHex: encoded.toString('hex'),
      },
    ]);
  });

  it('waits for a new record with --follow', async () => {
    const run = eventlineAsync([
      'consume',
      topic,
      '--from',
      'end',
      '--follow',
      '--max',
      '1',
      '--timeout',
      '30',
    ]);
    let done = false;
    void run.then(() => (done = true));
    // The consumer needs a few seconds to join, and says nothing when it has: keep sending until it
    // has printed one (it stops at --max 1).
    await waitFor(
      async () => {
        if (done) return true;
        await kafka.send(topic, [{ partition: 1, key: 'late', value: encoded }]);
        return false;
      },
      { what: 'consume --follow to print a late record', timeoutMs: 30_000, intervalMs: 500 },
    );
    const { code, stdout } = await run;

    expect(code).toBe(0);
    expect(lines(stdout)).toMatchObject([{ partition: 1, key: 'late', value: avro.value }]);
  });

  it('refuses a topic that does not exist, in one line', () => {
    const { code, stderr } = eventline(['consume', uniqueName('cli.none')]);

    expect(code).toBe(1);
    expect(stderr).toMatch(/^eventline: topic .* does not exist\n$/);
  });
});
