import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { interopDir } from './interop-fixtures.js';
import { samples } from './samples.js';

const root = join(import.meta.dirname, '..', '..', '..');

function eventline(args: string[], input?: Buffer) {
  const result = spawnSync(
    join(root, 'node_modules', '.bin', 'tsx'),
    [join(root, 'local/cli/main.ts'), ...args],
    {
      cwd: root,
      input,
      encoding: 'utf8',
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Each case starts the CLI (tsx transpiles on start), which takes seconds on a busy machine.
describe('eventline decode (offline, --schema)', { timeout: 60_000 }, () => {
  it('prints format, schema id, compression and value of a Confluent Avro record', () => {
    const { code, stdout } = eventline([
      'decode',
      '--schema',
      'schemas/orders/order-placed.avsc',
      join(interopDir, 'confluent-python/written/order-placed.prefix.bin'),
    ]);

    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      format: 'confluent',
      schemaId: 1,
      compression: 'none',
      value: samples[0]?.value,
    });
  });

  it('prints the message indexes of a zlib Glue Protobuf record read from standard input', () => {
    const bytes = spawnSync('cat', [join(interopDir, 'glue-java/written/nested-parcel.zlib.bin')]).stdout;

    const { code, stdout } = eventline(
      [
        'decode',
        '--schema',
        'test/fixtures/serde/schemas/nesting.proto',
        '--message',
        'dev.eventline.test.Shipment.Parcel',
        '-',
      ],
      bytes,
    );

    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      format: 'glue',
      compression: 'zlib',
      messageIndexes: [7],
      value: { parcel_id: 'p-3', weight_grams: 1200 },
    });
  });

  it('exits 2 naming the mismatch when the record holds another message than --message', () => {
    const { code, stderr } = eventline([
      'decode',
      '--schema',
      'test/fixtures/serde/schemas/nesting.proto',
      '--message',
      'dev.eventline.test.Audit',
      join(interopDir, 'glue-java/written/nested-parcel.bin'),
    ]);

    expect(code).toBe(2);
    expect(stderr.trim()).toBe(
      "eventline: the record's message index [7] is not dev.eventline.test.Audit ([0])",
    );
  });

  it('exits 2 with one line naming the first bytes and length for bytes in no wire format', () => {
    const { code, stdout, stderr } = eventline(
      ['decode', '--schema', 'schemas/orders/order-placed.avsc', '-'],
      Buffer.from('{"orderId":"o-1"}'),
    );

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stderr).toMatch(/^eventline: cannot decode 17 bytes starting 7b226f7264657249…: first byte 0x7b/);
  });
});
