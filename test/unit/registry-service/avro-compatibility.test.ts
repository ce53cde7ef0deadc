import { describe, expect, it } from 'vitest';
import { checkAvroCompatibility, InvalidAvroSchemaError } from '../../../functions/lib/compat/index.js';

const record = (fields: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ type: 'record', name: 'Order', namespace: 'orders', fields, ...extra });

const v1 = record([{ name: 'id', type: 'string' }]);
const withRequiredEmail = record([
  { name: 'id', type: 'string' },
  { name: 'email', type: 'string' },
]);
const withOptionalEmail = record([
  { name: 'id', type: 'string' },
  { name: 'email', type: ['null', 'string'], default: null },
]);

describe('checkAvroCompatibility', () => {
  it('refuses under BACKWARD a new field without default and names the field', () => {
    const result = checkAvroCompatibility({
      level: 'BACKWARD',
      candidate: { definition: withRequiredEmail },
      previous: [{ version: 1, definition: v1 }],
    });
    expect(result.compatible).toBe(false);
    expect(result.messages).toHaveLength(1);
    expect(result.messages[0]).toMatch(
      /^BACKWARD: .*version 1.*orders\.Order\.email.*'email' has no default/,
    );
  });

  it('accepts under BACKWARD a new field with a default', () => {
    const result = checkAvroCompatibility({
      level: 'BACKWARD',
      candidate: { definition: withOptionalEmail },
      previous: [{ version: 1, definition: v1 }],
    });
    expect(result).toEqual({ compatible: true, messages: [] });
  });

  it('refuses under FORWARD a removed field the old schema needs', () => {
    const result = checkAvroCompatibility({
      level: 'FORWARD',
      candidate: { definition: v1 },
      previous: [{ version: 1, definition: withRequiredEmail }],
    });
    expect(result.compatible).toBe(false);
    expect(result.messages[0]).toMatch(
      /^FORWARD: data written with the new schema cannot be read by version 1/,
    );
  });

  it('checks both directions under FULL', () => {
    const ok = checkAvroCompatibility({
      level: 'FULL',
      candidate: { definition: withOptionalEmail },
      previous: [{ version: 1, definition: v1 }],
    });
    const broken = checkAvroCompatibility({
      level: 'FULL',
      candidate: { definition: withRequiredEmail },
      previous: [{ version: 1, definition: v1 }],
    });
    expect(ok.compatible).toBe(true);
    expect(broken.compatible).toBe(false);
  });

  it('checks only the latest version unless the level is transitive', () => {
    const withDefaultedEmail = record([
      { name: 'id', type: 'string' },
      { name: 'email', type: 'string', default: '' },
    ]);
    const previous = [
      { version: 1, definition: v1 },
      { version: 2, definition: withDefaultedEmail },
    ];
    // Drops the default: fine against v2 (which has email), not against v1 (which lacks it).
    const candidate = { definition: withRequiredEmail };
    expect(checkAvroCompatibility({ level: 'BACKWARD', candidate, previous }).compatible).toBe(true);
    const transitive = checkAvroCompatibility({ level: 'BACKWARD_TRANSITIVE', candidate, previous });
    expect(transitive.compatible).toBe(false);
    expect(transitive.messages.join('\n')).toMatch(/version 1/);
    expect(transitive.messages.join('\n')).not.toMatch(/version 2/);
  });

  it('allows Avro primitive promotions and refuses narrowing', () => {
    const asInt = record([{ name: 'n', type: 'int' }]);
    const asLong = record([{ name: 'n', type: 'long' }]);
    const widen = checkAvroCompatibility({
      level: 'BACKWARD',
      candidate: { definition: asLong },
      previous: [{ version: 1, definition: asInt }],
    });
    const narrow = checkAvroCompatibility({
      level: 'BACKWARD',
      candidate: { definition: asInt },
      previous: [{ version: 1, definition: asLong }],
    });
    expect(widen.compatible).toBe(true);
    expect(narrow.messages[0]).toMatch(/orders\.Order\.n: reader type int cannot read writer type long/);
  });

  it('refuses an enum that drops a symbol unless the reader enum has a default', () => {
    const status = (symbols: string[], extra: Record<string, unknown> = {}) =>
      record([{ name: 'status', type: { type: 'enum', name: 'Status', symbols, ...extra } }]);
    const previous = [{ version: 1, definition: status(['NEW', 'PAID']) }];
    const dropped = checkAvroCompatibility({
      level: 'BACKWARD',
      candidate: { definition: status(['NEW']) },
      previous,
    });
    const defaulted = checkAvroCompatibility({
      level: 'BACKWARD',
      candidate: { definition: status(['NEW', 'UNKNOWN'], { default: 'UNKNOWN' }) },
      previous,
    });
    expect(dropped.messages[0]).toMatch(/lacks writer symbol\(s\) PAID/);
    expect(defaulted.compatible).toBe(true);
  });

  it('refuses a union that no longer covers a writer branch', () => {
    const wide = record([{ name: 'v', type: ['null', 'string', 'int'] }]);
    const narrow = record([{ name: 'v', type: ['null', 'string'] }]);
    const result = checkAvroCompatibility({
      level: 'BACKWARD',
      candidate: { definition: narrow },
      previous: [{ version: 1, definition: wide }],
    });
    expect(result.messages[0]).toMatch(/no branch for writer type int/);
  });

  it('terminates on recursive schemas', () => {
    const node = JSON.stringify({
      type: 'record',
      name: 'Node',
      fields: [{ name: 'next', type: ['null', 'Node'], default: null }],
    });
    const result = checkAvroCompatibility({
      level: 'FULL_TRANSITIVE',
      candidate: { definition: node },
      previous: [{ version: 1, definition: node }],
    });
    expect(result.compatible).toBe(true);
  });

  it('resolves named types from references', () => {
    const money = JSON.stringify({
      type: 'record',
      name: 'Money',
      namespace: 'common',
      fields: [{ name: 'cents', type: 'long' }],
    });
    const order = record([{ name: 'total', type: 'common.Money' }]);
    const result = checkAvroCompatibility({
      level: 'BACKWARD',
      candidate: { definition: order, references: [money] },
      previous: [{ version: 1, definition: order, references: [money] }],
    });
    expect(result.compatible).toBe(true);
  });

  it('accepts anything under NONE and throws a typed error on invalid Avro', () => {
    expect(
      checkAvroCompatibility({
        level: 'NONE',
        candidate: { definition: v1 },
        previous: [{ version: 1, definition: '{}' }],
      }).compatible,
    ).toBe(true);
    expect(() =>
      checkAvroCompatibility({
        level: 'BACKWARD',
        candidate: { definition: '{"type":"nope"}' },
        previous: [{ version: 1, definition: v1 }],
      }),
    ).toThrow(InvalidAvroSchemaError);
  });
});
