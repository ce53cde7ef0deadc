import type { CdkCustomResourceEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createKafka } from '../../../functions/lib/kafka/index.js';
import { AclProvisioningError } from '../../../functions/topics-provisioner/errors.js';
import { localEndpoints, uniqueName } from '../../support/local-aws.js';

const localKafka = () =>
  createKafka({ clientId: 'eventline-test-topics', brokers: localEndpoints.kafkaBrokers, auth: 'plaintext' });

process.env.AWS_REGION ??= 'eu-west-1';
const { handler } = await import('../../../functions/topics-provisioner/handler.js');

function event(
  type: 'Create' | 'Update' | 'Delete',
  topics: object[],
  oldTopics: object[] = [],
  retiredTopics: string[] = [],
): CdkCustomResourceEvent {
  const properties = (list: object[], retired: string[] = []) => ({
    ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:provider',
    Brokers: localEndpoints.kafkaBrokers.join(','),
    Auth: 'none',
    Topics: JSON.stringify(list),
    RetiredTopics: JSON.stringify(retired),
  });
  const base = {
    ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:provider',
    ResponseURL: 'https://example.invalid/response',
    StackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/test/1',
    RequestId: uniqueName('request'),
    LogicalResourceId: 'Topics',
    ResourceType: 'Custom::EventlineKafkaTopics',
    ResourceProperties: properties(topics, retiredTopics),
  };
  if (type === 'Create') return { ...base, RequestType: 'Create' };
  if (type === 'Update') {
    return {
      ...base,
      RequestType: 'Update',
      PhysicalResourceId: 'topics',
      OldResourceProperties: properties(oldTopics),
    };
  }
  return { ...base, RequestType: 'Delete', PhysicalResourceId: 'topics' };
}

describe('topics provisioner handler', () => {
  it('creates the topics of a Create event, fails an Update that shrinks one, and keeps them on Delete', async () => {
    const name = uniqueName('it.topics.handler');
    const spec = { name, partitions: 2, replicationFactor: 1, config: {} };

    const created = await handler(event('Create', [spec]));
    const shrink = handler(event('Update', [{ ...spec, partitions: 1 }], [spec]));
    await expect(shrink).rejects.toThrow(/partitions cannot decrease/);
    const deleted = await handler(event('Delete', [spec]));

    const admin = (await localKafka()).admin();
    await admin.connect();
    try {
      expect(created.Data?.Topics).toBe(name);
      expect(deleted.PhysicalResourceId).toBe('topics');
      expect(await admin.listTopics()).toContain(name);
    } finally {
      await admin.deleteTopics({ topics: [name] });
      await admin.disconnect();
    }
  });

  it('fails an Update whose manifest dropped a topic without retiring it, naming the topic, and leaves it', async () => {
    const kept = { name: uniqueName('it.topics.kept'), partitions: 1, replicationFactor: 1, config: {} };
    const dropped = {
      name: uniqueName('it.topics.dropped'),
      partitions: 1,
      replicationFactor: 1,
      config: {},
    };
    await handler(event('Create', [kept, dropped]));

    const update = handler(event('Update', [kept], [kept, dropped]));

    await expect(update).rejects.toThrow(
      new RegExp(`${dropped.name}: left the manifest without a recorded deletion`),
    );
    const admin = (await localKafka()).admin();
    await admin.connect();
    try {
      expect(await admin.listTopics()).toEqual(expect.arrayContaining([kept.name, dropped.name]));
    } finally {
      await admin.deleteTopics({ topics: [kept.name, dropped.name] });
      await admin.disconnect();
    }
  });

  it('deletes a retired topic that holds no records, and refuses one that does', async () => {
    const spec = (prefix: string) => ({
      name: uniqueName(prefix),
      partitions: 1,
      replicationFactor: 1,
      config: {},
    });
    const empty = spec('it.topics.retired-empty');
    const full = spec('it.topics.retired-full');
    const kafka = await localKafka();
    await handler(event('Create', [empty, full]));
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: full.name, messages: [{ key: 'k', value: 'v' }] });
    await producer.disconnect();

    const refused = handler(event('Update', [], [empty, full], [empty.name, full.name]));
    await expect(refused).rejects.toThrow(new RegExp(`${full.name}: left the manifest but holds records`));
    await handler(event('Update', [full], [empty, full], [empty.name]));

    const admin = kafka.admin();
    await admin.connect();
    try {
      const topics = await admin.listTopics();
      expect(topics).toContain(full.name);
      expect(topics).not.toContain(empty.name);
    } finally {
      await admin.deleteTopics({ topics: [full.name] });
      await admin.disconnect();
    }
  });

  it('fails with the fix in the message when the broker cannot take the ACLs (no authorizer)', async () => {
    const name = uniqueName('it.topics.acls');
    const spec = { name, partitions: 1, replicationFactor: 1, config: {} };
    const create = event('Create', [spec]);
    const acls = [
      {
        principal: 'User:it-acls',
        resourceType: 'topic',
        resourceName: name,
        patternType: 'literal',
        operations: ['Read'],
      },
    ];

    const attempt = handler({
      ...create,
      ResourceProperties: { ...create.ResourceProperties, Acls: JSON.stringify(acls) },
    });

    await expect(attempt).rejects.toThrow(AclProvisioningError);
    await expect(attempt).rejects.toThrow(
      /User:it-acls[\s\S]*needs an authorizer[\s\S]*kafka-cluster:AlterCluster/,
    );
    const admin = (await localKafka()).admin();
    await admin.connect();
    try {
      await admin.deleteTopics({ topics: [name] });
    } finally {
      await admin.disconnect();
    }
  });
});
