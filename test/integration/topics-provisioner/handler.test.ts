import type { CdkCustomResourceEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createKafka } from '../../../functions/topics-provisioner/kafka-client.js';
import { localEndpoints, uniqueName } from '../../support/local-aws.js';

process.env.AWS_REGION ??= 'eu-west-1';
const { handler } = await import('../../../functions/topics-provisioner/handler.js');

function event(
  type: 'Create' | 'Update' | 'Delete',
  topics: object[],
  oldTopics: object[] = [],
): CdkCustomResourceEvent {
  const properties = (list: object[]) => ({
    ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:provider',
    Brokers: localEndpoints.kafkaBrokers.join(','),
    Auth: 'none',
    Topics: JSON.stringify(list),
  });
  const base = {
    ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:provider',
    ResponseURL: 'https://example.invalid/response',
    StackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/test/1',
    RequestId: uniqueName('request'),
    LogicalResourceId: 'Topics',
    ResourceType: 'Custom::EventlineKafkaTopics',
    ResourceProperties: properties(topics),
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

    const admin = createKafka({ brokers: localEndpoints.kafkaBrokers, auth: 'none' }).admin();
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
});
