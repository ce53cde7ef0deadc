import { describe, expect, it } from 'vitest';
import { canonicalForm, sameSchema } from '../../../functions/lib/schema/index.js';

describe('sameSchema', () => {
  it('treats Avro with reordered keys, whitespace and {"type":"string"} as the same schema', () => {
    const a = '{"type":"record","name":"P","namespace":"x","fields":[{"name":"id","type":"string"}]}';
    const b =
      '{ "fields": [ {"type": {"type":"string"}, "name": "id"} ],\n "name": "x.P", "type": "record" }';

    expect(sameSchema({ type: 'AVRO', definition: a }, { type: 'AVRO', definition: b })).toBe(true);
  });

  it('tells an Avro schema with another field default apart', () => {
    const field = (d: string) =>
      `{"type":"record","name":"P","fields":[{"name":"n","type":"string","default":"${d}"}]}`;

    expect(
      sameSchema({ type: 'AVRO', definition: field('a') }, { type: 'AVRO', definition: field('b') }),
    ).toBe(false);
  });

  it('treats JSON Schema with keys in another order as the same, and a changed type as different', () => {
    const a = '{"type":"object","properties":{"id":{"type":"string"}}}';
    const b = '{\n  "properties": { "id": { "type": "string" } },\n  "type": "object"\n}';
    const c = '{"type":"object","properties":{"id":{"type":"integer"}}}';

    expect(sameSchema({ type: 'JSON', definition: a }, { type: 'JSON', definition: b })).toBe(true);
    expect(sameSchema({ type: 'JSON', definition: a }, { type: 'JSON', definition: c })).toBe(false);
  });

  it('ignores Protobuf whitespace and comments but not a field number', () => {
    const a = 'syntax = "proto3";\npackage p;\nmessage M { string id = 1; }\n';
    const b = '// note\nsyntax = "proto3";\n\npackage p;\nmessage M {\n    string id = 1; // the id\n}\n';
    const c = 'syntax = "proto3";\npackage p;\nmessage M { string id = 2; }\n';

    expect(sameSchema({ type: 'PROTOBUF', definition: a }, { type: 'PROTOBUF', definition: b })).toBe(true);
    expect(sameSchema({ type: 'PROTOBUF', definition: a }, { type: 'PROTOBUF', definition: c })).toBe(false);
  });

  it('never equates two formats, and compares texts that do not parse character for character', () => {
    const text = '{"type":"object"}';

    expect(sameSchema({ type: 'JSON', definition: text }, { type: 'AVRO', definition: text })).toBe(false);
    expect(canonicalForm({ type: 'JSON', definition: '{not json' })).toBeUndefined();
    expect(
      sameSchema({ type: 'JSON', definition: '{not json' }, { type: 'JSON', definition: '{not json' }),
    ).toBe(true);
    expect(
      sameSchema({ type: 'JSON', definition: '{not json' }, { type: 'JSON', definition: '{not  json' }),
    ).toBe(false);
  });
});
