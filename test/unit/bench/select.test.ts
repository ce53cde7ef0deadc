import { describe, expect, it } from 'vitest';
import { selectedBy, unmatched } from '../../../bench/harness/select.js';

const ids = ['B1-3.avro', 'B1-3.protobuf', 'B1-3.json', 'B4', 'B5', 'B10', 'B12', 'B13'];
const pick = (...selectors: string[]) => ids.filter((id) => selectedBy(selectors, id));

describe('bench --only', () => {
  it('takes B1 as benchmark 1, not as a prefix of B10 to B13', () => {
    expect(pick('B1')).toEqual(['B1-3.avro', 'B1-3.protobuf', 'B1-3.json']);
  });

  it('selects a range benchmark by any number in it, and the issue list B1,B2,B3,B5 as written', () => {
    expect(pick('B2')).toEqual(['B1-3.avro', 'B1-3.protobuf', 'B1-3.json']);
    expect(pick('B1', 'B2', 'B3', 'B5')).toEqual(['B1-3.avro', 'B1-3.protobuf', 'B1-3.json', 'B5']);
  });

  it('narrows to one format with a suffix, and accepts a full id in any case', () => {
    expect(pick('b2.protobuf')).toEqual(['B1-3.protobuf']);
    expect(pick('B1-3.JSON')).toEqual(['B1-3.json']);
    expect(pick('B10', 'B12')).toEqual(['B10', 'B12']);
  });

  it('reports selectors that match nothing', () => {
    expect(unmatched(['B1', 'B9', 'B2.yaml', 'nonsense'], ids)).toEqual(['B9', 'B2.yaml', 'nonsense']);
  });
});
