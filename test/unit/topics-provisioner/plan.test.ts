import { describe, expect, it } from 'vitest';
import { InvalidTopicsSpecError } from '../../../functions/topics-provisioner/errors.js';
import { planTopics } from '../../../functions/topics-provisioner/plan.js';
import { parseTopicsProperties } from '../../../functions/topics-provisioner/properties.js';
import type { TopicSpec, TopicState } from '../../../functions/topics-provisioner/types.js';

const spec = (name: string, partitions = 6, config: Record<string, string> = {}): TopicSpec => ({
  name,
  partitions,
  replicationFactor: 3,
  config,
});
const state = (
  name: string,
  partitions = 6,
  hasRecords = false,
  config: Record<string, string> = {},
): TopicState => ({
  name,
  partitions,
  config,
  hasRecords,
});

describe('planTopics', () => {
  it('creates topics the cluster does not have', () => {
    const plan = planTopics([spec('a'), spec('b')], [state('a')], []);

    expect(plan.create.map((t) => t.name)).toEqual(['b']);
    expect(plan.refusals).toEqual([]);
  });

  it('grows partitions and changes configs that differ, leaving matching topics alone', () => {
    const plan = planTopics(
      [spec('a', 12), spec('b', 6, { 'retention.ms': '1' }), spec('c', 6, { 'retention.ms': '5' })],
      [
        state('a'),
        state('b', 6, false, { 'retention.ms': '2' }),
        state('c', 6, false, { 'retention.ms': '5' }),
      ],
      [],
    );

    expect(plan.addPartitions).toEqual([{ name: 'a', count: 12 }]);
    expect(plan.alterConfig).toEqual([{ name: 'b', config: { 'retention.ms': '1' } }]);
  });

  it('refuses fewer partitions and names the topic and both counts', () => {
    const plan = planTopics([spec('a', 3)], [state('a', 6)], []);

    expect(plan.refusals).toEqual([expect.stringMatching(/^a: partitions cannot decrease from 6 to 3/)]);
    expect(plan.addPartitions).toEqual([]);
  });

  it('removes a managed topic that left the spec only when it holds no records', () => {
    const plan = planTopics([], [state('empty'), state('full', 6, true)], ['empty', 'full']);

    expect(plan.remove).toEqual(['empty']);
    expect(plan.refusals).toEqual([expect.stringMatching(/^full: left the manifest but holds records/)]);
  });

  it('never removes a topic it did not manage', () => {
    const plan = planTopics([], [state('someone-elses')], []);

    expect(plan.remove).toEqual([]);
  });
});

describe('parseTopicsProperties', () => {
  it('reads brokers, auth and the JSON topic list CloudFormation delivers as strings, with no retired topics or ACLs by default', () => {
    const parsed = parseTopicsProperties({
      Brokers: 'b1:9098,b2:9098',
      Auth: 'iam',
      Topics: JSON.stringify([spec('a')]),
    });

    expect(parsed).toEqual({
      brokers: ['b1:9098', 'b2:9098'],
      auth: 'iam',
      topics: [spec('a')],
      retiredTopics: [],
      acls: [],
    });
  });

  it.each([
    [{ Auth: 'iam', Topics: '[]' }, /Brokers/],
    [{ Brokers: 'b:1', Auth: 'scram', Topics: '[]' }, /Auth/],
    [{ Brokers: 'b:1', Auth: 'iam', Topics: '{' }, /not JSON/],
    [{ Brokers: 'b:1', Auth: 'iam', Topics: '[{"name":"a","partitions":"6"}]' }, /array of/],
  ])('rejects malformed properties with a message naming the property (%j)', (raw, message) => {
    expect(() => parseTopicsProperties(raw)).toThrow(InvalidTopicsSpecError);
    expect(() => parseTopicsProperties(raw)).toThrow(message);
  });
});
