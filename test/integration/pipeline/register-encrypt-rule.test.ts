import { describe, expect, it } from 'vitest';
import { ConfluentRegistryClient } from '../../../functions/lib/registry/index.js';
import { registerManifestSchemas } from '../../../local/pipeline/register-schemas.js';
import { testManifest } from '../outbox/support.js';
import { registryPerFile } from '../registry-service/support.js';

const { manifest } = testManifest();
const keyArn = 'arn:aws:kms:us-east-1:123456789012:key/6f1c5a3e-2b1d-4c0e-9a57-1d2e3f4a5b6c';
const server = registryPerFile();

describe('Registering the manifest with encryption', () => {
  it("registers Confluent's ENCRYPT rule with a value schema that declares encryption, and none elsewhere", async () => {
    await registerManifestSchemas(manifest, {
      kind: 'confluent',
      url: server.url,
      kmsKeyIds: { 'orders-pii': keyArn },
    });
    const client = new ConfluentRegistryClient({ url: server.url });
    const placed = manifest.topicForEvent('OrderPlaced');
    const other = manifest.topics.find((topic) => topic.value.encryption === undefined);

    const latest = await client.getLatest(`${placed.name}-value`);

    expect(latest.ruleSet?.domainRules).toMatchObject([
      {
        name: 'encrypt-pii',
        kind: 'TRANSFORM',
        type: 'ENCRYPT',
        mode: 'WRITEREAD',
        tags: ['PII'],
        params: {
          'encrypt.kek.name': 'orders-pii',
          'encrypt.kms.type': 'aws-kms',
          'encrypt.kms.key.id': keyArn,
          'encrypt.dek.expiry.days': '30',
        },
        onFailure: 'ERROR,NONE',
      },
    ]);
    expect(other).toBeDefined();
    expect((await client.getLatest(`${other?.name}-value`)).ruleSet).toBeUndefined();
  });
});
