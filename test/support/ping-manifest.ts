import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { uniqueName } from './local-aws.js';

/** The value of the one topic a ping schemas folder declares. */
export interface PingValue {
  readonly schema: string;
  readonly type: 'AVRO' | 'JSON' | 'PROTOBUF';
  readonly compatibility: string;
  readonly message?: string;
}

/**
 * A schemas folder of its own in a new directory under `parent`: the manifest's JSON Schema and a
 * manifest with one topic of a unique name (`<namePrefix>-….ping.sent`) and the given value. The
 * caller writes the schema file (under `test/`, which exists).
 */
export function pingSchemasFolder(
  parent: string,
  options: { readonly glueRegistryName: string; readonly namePrefix: string; readonly value: PingValue },
): { readonly dir: string; readonly topic: string; readonly subject: string } {
  const dir = mkdtempSync(join(parent, `${options.namePrefix}-`));
  mkdirSync(join(dir, 'test'));
  copyFileSync(
    join(import.meta.dirname, '../../schemas/manifest.schema.json'),
    join(dir, 'manifest.schema.json'),
  );
  const topic = `${uniqueName(options.namePrefix)}.ping.sent`;
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      glueRegistryName: options.glueRegistryName,
      governance: { privacyTeam: '@eventline/privacy' },
      topics: [
        {
          name: topic,
          eventType: 'PingSent',
          aggregateType: 'Ping',
          owner: '@eventline/ping',
          classification: 'internal',
          retentionDays: 1,
          value: options.value,
        },
      ],
    }),
  );
  return { dir, topic, subject: `${topic}-value` };
}
