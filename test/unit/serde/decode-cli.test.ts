import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeCommand } from '../../../local/cli/commands/decode.js';
import { interopDir, readJson } from './interop-fixtures.js';
import { samples } from './samples.js';

const root = join(import.meta.dirname, '..', '..', '..');

/** A record confluent-kafka (Python) wrote, with its schema-id header as hex when it used one. */
interface PythonRecord {
  name: string;
  mode: 'prefix' | 'header';
  file: string;
  guid: string;
  headers?: Record<string, string>;
  value: unknown;
}

/** Runs `eventline decode ARGS` in this process; returns what it printed or the error it ended with. */
async function decode(args: string[]): Promise<{ stdout: string; error?: Error & { exitCode?: number } }> {
  let stdout = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  try {
    await decodeCommand().parseAsync(args, { from: 'user' });
    return { stdout };
  } catch (error) {
    return { stdout, error: error as Error & { exitCode?: number } };
  } finally {
    write.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('eventline decode (offline, --schema)', () => {
  it('prints format, schema id, compression and value of a Confluent Avro record', async () => {
    const { stdout, error } = await decode([
      '--schema',
      'schemas/orders/order-placed.v2.avsc',
      join(interopDir, 'confluent-python/written/order-placed.prefix.bin'),
    ]);

    expect(error).toBeUndefined();
    expect(JSON.parse(stdout)).toEqual({
      format: 'confluent',
      schemaId: 1,
      compression: 'none',
      value: samples[0]?.value,
    });
  });

  it('prints the message indexes of a zlib Glue Protobuf record', async () => {
    const { stdout } = await decode([
      '--schema',
      'test/fixtures/serde/schemas/nesting.proto',
      '--message',
      'dev.eventline.test.Shipment.Parcel',
      join(interopDir, 'glue-java/written/nested-parcel.zlib.bin'),
    ]);

    expect(JSON.parse(stdout)).toMatchObject({
      format: 'glue',
      compression: 'zlib',
      messageIndexes: [7],
      value: { parcel_id: 'p-3', weight_grams: 1200 },
    });
  });

  it('ends with exit code 2 naming the mismatch when the record holds another message than --message', async () => {
    const { stdout, error } = await decode([
      '--schema',
      'test/fixtures/serde/schemas/nesting.proto',
      '--message',
      'dev.eventline.test.Audit',
      join(interopDir, 'glue-java/written/nested-parcel.bin'),
    ]);

    expect(stdout).toBe('');
    expect(error).toMatchObject({
      name: 'CliError',
      exitCode: 2,
      message: "the record's message index [7] is not dev.eventline.test.Audit ([0])",
    });
  });

  it('ends with exit code 2 when the payload does not fit the schema', async () => {
    const { error } = await decode([
      '--schema',
      'schemas/orders/order-placed.v2.avsc',
      join(interopDir, 'glue-java/written/order-cancelled.bin'),
    ]);

    expect(error).toMatchObject({
      name: 'CliError',
      exitCode: 2,
      message: expect.stringMatching(/^Avro payload/),
    });
  });

  it('decodes a record whose schema id travels in the __value_schema_id header', async () => {
    const written = readJson<PythonRecord[]>('confluent-python', 'written', 'manifest.json');
    const record = written.find((w) => w.mode === 'header' && w.name === 'order-placed') as PythonRecord;
    const header = record.headers?.__value_schema_id as string;

    const { stdout, error } = await decode([
      '--schema',
      'schemas/orders/order-placed.v2.avsc',
      '--header',
      'event-type=OrderPlaced',
      '--header',
      `__value_schema_id=hex:${header}`,
      join(interopDir, 'confluent-python/written', record.file),
    ]);

    expect(error).toBeUndefined();
    expect(JSON.parse(stdout)).toEqual({
      format: 'confluent-header',
      schemaId: record.guid,
      compression: 'none',
      value: record.value,
    });
    const base64 = await decode([
      '--schema',
      'schemas/orders/order-placed.v2.avsc',
      '--header',
      `__value_schema_id=base64:${Buffer.from(header, 'hex').toString('base64')}`,
      join(interopDir, 'confluent-python/written', record.file),
    ]);
    expect(base64.stdout).toBe(stdout);
  });

  it('refuses a --header without a name or with bad hex, naming the header', async () => {
    const unnamed = await decode(['--schema', 'schemas/orders/order-placed.v2.avsc', '--header', '=x', '-']);
    const badHex = await decode([
      '--schema',
      'schemas/orders/order-placed.v2.avsc',
      '--header',
      '__value_schema_id=hex:0g',
      '-',
    ]);

    expect(unnamed.error).toMatchObject({
      name: 'CliError',
      message: expect.stringMatching(/expected name=value/),
    });
    expect(badHex.error).toMatchObject({
      name: 'CliError',
      message: '--header __value_schema_id: "0g" is not hex bytes',
    });
  });

  // The real CLI, once: it starts slowly (tsx transpiles every command on start).
  it('exits 2 with one line naming the first bytes and length, never a stack trace', {
    timeout: 60_000,
  }, () => {
    const result = spawnSync(
      join(root, 'node_modules', '.bin', 'tsx'),
      [join(root, 'local/cli/main.ts'), 'decode', '--schema', 'schemas/orders/order-placed.v2.avsc', '-'],
      { cwd: root, input: Buffer.from('{"orderId":"o-1"}'), encoding: 'utf8' },
    );

    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(
      /^eventline: cannot decode 17 bytes starting 7b226f7264657249…: first byte 0x7b/,
    );
  });
});
