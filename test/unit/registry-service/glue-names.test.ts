import { describe, expect, it } from 'vitest';
import { glueSchemaName } from '../../../registry/store/glue-names.js';

describe('glueSchemaName', () => {
  it('keeps a TopicNameStrategy subject as it is', () => {
    expect(glueSchemaName('orders.order.placed-value')).toBe('orders.order.placed-value');
  });

  it('escapes characters Glue refuses, and the escape character itself, so names never collide', () => {
    expect(glueSchemaName('a:b/c')).toBe('a$3Ab$2Fc');
    expect(glueSchemaName('a$3Ab')).toBe('a$243Ab');
    expect(glueSchemaName('é')).toBe('$C3$A9');
  });

  it('has no name for a subject longer than Glue allows', () => {
    expect(glueSchemaName('x'.repeat(256))).toBeUndefined();
  });
});
