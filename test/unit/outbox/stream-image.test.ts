import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { imageToObject } from '../../../functions/outbox-relay/stream-image.js';

describe('imageToObject', () => {
  it('reads what unmarshall reads, with binaries from base64 into Buffers', () => {
    const value = {
      s: 'é',
      n: 12.5,
      big: 9_007_199_254_740_991,
      yes: true,
      nothing: null,
      list: [1, 'two', { three: [3] }],
      tags: new Set(['a', 'b']),
    };
    const image = marshall(value) as Record<string, AttributeValue>;

    expect(imageToObject(image)).toEqual(unmarshall(marshall(value)));
    expect(imageToObject({ blob: { B: Buffer.from([0, 255, 7]).toString('base64') } }).blob).toEqual(
      Buffer.from([0, 255, 7]),
    );
  });

  it('refuses a number JavaScript cannot hold exactly, naming the attribute', () => {
    expect(() => imageToObject({ payload: { M: { id: { N: '9007199254740993' } } } })).toThrow(
      /id = 9007199254740993/,
    );
  });
});
