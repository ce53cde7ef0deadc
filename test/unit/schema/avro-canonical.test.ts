import { describe, expect, it } from 'vitest';
import { avroCanonicalString, avroNormalizedString } from '../../../functions/lib/schema/index.js';

describe('avroCanonicalString (Avro Java Schema.toString, Confluent canonicalString)', () => {
  it('writes a primitive in its short form whichever way it was given', () => {
    expect(avroCanonicalString('{"type":"string"}')).toBe('"string"');
    expect(avroCanonicalString(' "string" ')).toBe('"string"');
  });

  it('gives a record the same text whatever the key order and whitespace', () => {
    const a = '{"type":"record","name":"R","namespace":"n","fields":[{"name":"a","type":"int"}]}';
    const b =
      '{ "fields": [ { "type": {"type":"int"}, "name": "a" } ], "namespace": "n", "name": "R", "type": "record" }';
    expect(avroCanonicalString(b)).toBe(avroCanonicalString(a));
    expect(avroCanonicalString(a)).toBe(a);
  });

  it('keeps docs, defaults and custom properties, which Parsing Canonical Form drops', () => {
    const text = avroCanonicalString(
      '{"type":"record","name":"R","doc":"d","owner":"team","fields":[{"name":"a","type":"int","default":1,"doc":"x"}]}',
    );
    expect(text).toBe(
      '{"type":"record","name":"R","doc":"d","fields":[{"name":"a","type":"int","doc":"x","default":1}],"owner":"team"}',
    );
  });

  it('writes names relative to the enclosing namespace, as Avro Java does', () => {
    const text = avroCanonicalString(
      '{"type":"record","name":"R","namespace":"n","fields":[{"name":"e","type":{"type":"enum","name":"n.E","symbols":["A","B"],"default":"A"}},{"name":"f","type":"n.E"}]}',
    );
    expect(text).toBe(
      '{"type":"record","name":"R","namespace":"n","fields":[{"name":"e","type":{"type":"enum","name":"E","symbols":["A","B"],"default":"A"}},{"name":"f","type":"E"}]}',
    );
  });

  it('writes a field order only when it is not ascending', () => {
    const text = avroCanonicalString(
      '{"type":"record","name":"R","fields":[{"name":"a","type":"int","order":"ascending"},{"name":"b","type":"int","order":"descending"}]}',
    );
    expect(text).toBe(
      '{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"int","order":"descending"}]}',
    );
  });
});

describe('avroNormalizedString (Confluent AvroSchema.normalize)', () => {
  it('writes full names, name before type, and sorted properties and aliases', () => {
    const text = avroNormalizedString(
      '{"type":"record","namespace":"n","name":"R","zeta":1,"alpha":2,"aliases":["Z","A"],"fields":[{"type":"int","name":"a"}]}',
    );
    expect(text).toBe(
      '{"name":"n.R","type":"record","fields":[{"name":"a","type":"int"}],"aliases":["n.A","n.Z"],"alpha":2,"zeta":1}',
    );
  });

  it('writes a type defined by a reference as its bare full name', () => {
    expect(
      avroNormalizedString('{"type":"record","name":"R","fields":[{"name":"c","type":"shared.Customer"}]}', [
        'shared.Customer',
      ]),
    ).toBe('{"name":"R","type":"record","fields":[{"name":"c","type":"shared.Customer"}]}');
  });
});
