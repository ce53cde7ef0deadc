import { describe, expect, it } from 'vitest';
import { buildDlqRecord, type ConsumedDlqRecord, type DlqReason } from '../../../functions/lib/dlq/index.js';
import { dlqOverview, formatOverview } from '../../../local/dlq/overview.js';

function consumed(reason: DlqReason, consumerGroup: string, offset: number): ConsumedDlqRecord {
  const message = buildDlqRecord(
    { topic: 't', partition: 0, offset, timestamp: 0, key: null, value: Buffer.from('v'), headers: [] },
    { reason, error: new Error('x'), consumerGroup },
  );
  return {
    dlqTopic: message.topic,
    partition: 0,
    offset: String(offset),
    key: null,
    value: message.value,
    headers: message.headers,
  };
}

const foreign: ConsumedDlqRecord = {
  dlqTopic: 't.dlq',
  partition: 0,
  offset: '9',
  key: null,
  value: null,
  headers: {},
};

describe('dlqOverview', () => {
  const records = [
    consumed('validation', 'b', 0),
    consumed('handler-rejected', 'a', 1),
    consumed('validation', 'a', 2),
    consumed('validation', 'a', 3),
    foreign,
  ];

  it('counts per group and reason, records without DLQ headers apart, and keeps empty topics', () => {
    const overview = dlqOverview(['u.dlq', 't.dlq'], records);

    expect(overview).toEqual([
      {
        dlqTopic: 't.dlq',
        records: 5,
        foreign: 1,
        groups: { a: { 'handler-rejected': 1, validation: 2 }, b: { validation: 1 } },
      },
      { dlqTopic: 'u.dlq', records: 0, foreign: 0, groups: {} },
    ]);
    expect(formatOverview(overview)).toBe(
      [
        't.dlq  records 5',
        '  group a  3  (handler-rejected 1, validation 2)',
        '  group b  1  (validation 1)',
        '  without DLQ headers  1',
        'u.dlq  records 0',
        '2 DLQ topic(s), 5 record(s)',
        '',
      ].join('\n'),
    );
  });

  it('counts only the named group, leaving out records that name none', () => {
    expect(dlqOverview(['t.dlq'], records, 'b')).toEqual([
      { dlqTopic: 't.dlq', records: 1, foreign: 0, groups: { b: { validation: 1 } } },
    ]);
  });
});
