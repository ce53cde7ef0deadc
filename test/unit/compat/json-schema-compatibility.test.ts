import { describe, expect, it } from 'vitest';
import { checkCompatibility } from '../../../functions/lib/compat/index.js';
import type { CompatibilityLevel } from '../../../functions/lib/schema/index.js';

const object = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ type: 'object', properties, ...extra });

/** Checks `next` against one earlier version `v1` under `level`; the rules named in the refusal. */
function check(v1: string, next: string, level: CompatibilityLevel = 'BACKWARD') {
  const result = checkCompatibility({
    level,
    candidate: { type: 'JSON', definition: next },
    previous: [{ version: 1, type: 'JSON', definition: v1 }],
  });
  const rules = result.messages.map((m) => /: ([A-Z_]+) at /.exec(m)?.[1]);
  return { ...result, rules };
}

describe('JSON Schema compatibility (Confluent diff rules)', () => {
  describe('types', () => {
    it('refuses a property changed from string to integer and names rule, version and path', () => {
      const result = check(object({ id: { type: 'string' } }), object({ id: { type: 'integer' } }));

      expect(result.compatible).toBe(false);
      expect(result.messages).toEqual([
        'BACKWARD: the new schema cannot read data written with version 1: TYPE_CHANGED at #/properties/id',
      ]);
    });

    it('accepts integer widened to number under BACKWARD (TYPE_EXTENDED)', () => {
      expect(check(object({ n: { type: 'integer' } }), object({ n: { type: 'number' } })).compatible).toBe(
        true,
      );
    });

    it('refuses number narrowed to integer under BACKWARD (TYPE_NARROWED)', () => {
      expect(check(object({ n: { type: 'number' } }), object({ n: { type: 'integer' } })).rules).toEqual([
        'TYPE_NARROWED',
      ]);
    });

    it('refuses integer widened to number under FORWARD, since the old reader wants integers', () => {
      expect(
        check(object({ n: { type: 'integer' } }), object({ n: { type: 'number' } }), 'FORWARD').rules,
      ).toEqual(['TYPE_NARROWED']);
    });

    it('accepts a type widened to a union that still holds it (SUM_TYPE_EXTENDED)', () => {
      const v2 = object({ s: { type: ['string', 'null'] } });
      expect(check(object({ s: { type: 'string' } }), v2).compatible).toBe(true);
      expect(check(object({ s: { type: 'string' } }), v2, 'FORWARD').compatible).toBe(false);
    });

    it('accepts any change to an empty schema, which accepts everything', () => {
      expect(check(object({ s: { type: 'string' } }), object({ s: {} })).compatible).toBe(true);
      expect(check(object({ s: {} }), object({ s: { type: 'string' } })).rules).toEqual(['TYPE_CHANGED']);
    });
  });

  describe('content models', () => {
    it('refuses removing a property from a closed content model (PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL)', () => {
      const closed = { additionalProperties: false };
      const result = check(
        object({ a: { type: 'string' }, b: { type: 'string' } }, closed),
        object({ a: { type: 'string' } }, closed),
      );
      expect(result.rules).toEqual(['PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL']);
      expect(result.messages[0]).toContain('#/properties/b');
    });

    it('accepts removing a property from an open content model', () => {
      expect(
        check(object({ a: { type: 'string' }, b: { type: 'string' } }), object({ a: { type: 'string' } }))
          .compatible,
      ).toBe(true);
    });

    it('refuses adding an optional property to an open content model (strict policy)', () => {
      expect(
        check(object({ a: { type: 'string' } }), object({ a: { type: 'string' }, b: { type: 'string' } }))
          .rules,
      ).toEqual(['OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL']);
    });

    it('accepts adding an optional property to a closed content model', () => {
      const closed = { additionalProperties: false };
      expect(
        check(
          object({ a: { type: 'string' } }, closed),
          object({ a: { type: 'string' }, b: { type: 'string' } }, closed),
        ).compatible,
      ).toBe(true);
    });

    it('refuses adding a required property without default to a closed model, accepts it with a default', () => {
      const closed = (extra: Record<string, unknown>) => ({ additionalProperties: false, ...extra });
      const v1 = object({ a: { type: 'string' } }, closed({}));
      const withoutDefault = object(
        { a: { type: 'string' }, b: { type: 'string' } },
        closed({ required: ['b'] }),
      );
      const withDefault = object(
        { a: { type: 'string' }, b: { type: 'string', default: 'x' } },
        closed({ required: ['b'] }),
      );
      expect(check(v1, withoutDefault).rules).toEqual(['REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL']);
      expect(check(v1, withDefault).compatible).toBe(true);
    });

    it('accepts a property added that the partially open model already covered, refuses one it did not', () => {
      const partial = { additionalProperties: { type: 'string' } };
      const v1 = object({ a: { type: 'string' } }, partial);
      expect(check(v1, object({ a: { type: 'string' }, b: { type: 'string' } }, partial)).compatible).toBe(
        true,
      );
      expect(check(v1, object({ a: { type: 'string' }, b: { type: 'integer' } }, partial)).rules).toEqual([
        'TYPE_CHANGED',
        'PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
      ]);
    });

    it('refuses closing an open content model (ADDITIONAL_PROPERTIES_REMOVED) and accepts opening it', () => {
      const open = object({ a: { type: 'string' } });
      const closed = object({ a: { type: 'string' } }, { additionalProperties: false });
      expect(check(open, closed).rules).toEqual(['ADDITIONAL_PROPERTIES_REMOVED']);
      expect(check(closed, open).compatible).toBe(true);
    });

    it('refuses narrowing additionalProperties to a schema (ADDITIONAL_PROPERTIES_NARROWED)', () => {
      expect(check(object({}), object({}, { additionalProperties: { type: 'string' } })).rules).toEqual([
        'ADDITIONAL_PROPERTIES_NARROWED',
      ]);
    });
  });

  describe('required', () => {
    it('refuses making an existing property required without a default (REQUIRED_ATTRIBUTE_ADDED)', () => {
      const result = check(
        object({ a: { type: 'string' } }),
        object({ a: { type: 'string' } }, { required: ['a'] }),
      );
      expect(result.rules).toEqual(['REQUIRED_ATTRIBUTE_ADDED']);
      expect(result.messages[0]).toContain('#/required/a');
    });

    it('accepts making it required with a default, and dropping required', () => {
      const required = object({ a: { type: 'string' } }, { required: ['a'] });
      expect(
        check(
          object({ a: { type: 'string' } }),
          object({ a: { type: 'string', default: '' } }, { required: ['a'] }),
        ).compatible,
      ).toBe(true);
      expect(check(required, object({ a: { type: 'string' } })).compatible).toBe(true);
    });
  });

  describe('enums', () => {
    it('accepts an enum extended and refuses one narrowed or changed', () => {
      const e = (values: string[]) => object({ s: { enum: values } });
      expect(check(e(['A', 'B']), e(['A', 'B', 'C'])).compatible).toBe(true);
      expect(check(e(['A', 'B']), e(['A'])).rules).toEqual(['ENUM_ARRAY_NARROWED']);
      expect(check(e(['A', 'B']), e(['A', 'C'])).rules).toEqual(['ENUM_ARRAY_CHANGED']);
    });

    it('refuses an extended enum under FORWARD', () => {
      const e = (values: string[]) => object({ s: { enum: values } });
      expect(check(e(['A']), e(['A', 'B']), 'FORWARD').rules).toEqual(['ENUM_ARRAY_NARROWED']);
    });
  });

  describe('bounds', () => {
    const cases: [string, Record<string, unknown>, Record<string, unknown>, string | undefined][] = [
      ['maxLength increased', { type: 'string', maxLength: 5 }, { type: 'string', maxLength: 10 }, undefined],
      [
        'maxLength decreased',
        { type: 'string', maxLength: 10 },
        { type: 'string', maxLength: 5 },
        'MAX_LENGTH_DECREASED',
      ],
      ['maxLength added', { type: 'string' }, { type: 'string', maxLength: 5 }, 'MAX_LENGTH_ADDED'],
      [
        'minLength increased',
        { type: 'string', minLength: 1 },
        { type: 'string', minLength: 2 },
        'MIN_LENGTH_INCREASED',
      ],
      ['pattern removed', { type: 'string', pattern: '^a' }, { type: 'string' }, undefined],
      [
        'pattern changed',
        { type: 'string', pattern: '^a' },
        { type: 'string', pattern: '^b' },
        'PATTERN_CHANGED',
      ],
      ['maximum removed', { type: 'number', maximum: 5 }, { type: 'number' }, undefined],
      [
        'maximum decreased',
        { type: 'number', maximum: 5 },
        { type: 'number', maximum: 4 },
        'MAXIMUM_DECREASED',
      ],
      [
        'minimum increased',
        { type: 'number', minimum: 0 },
        { type: 'number', minimum: 1 },
        'MINIMUM_INCREASED',
      ],
      ['minimum decreased', { type: 'number', minimum: 1 }, { type: 'number', minimum: 0 }, undefined],
      [
        'exclusiveMaximum added',
        { type: 'number' },
        { type: 'number', exclusiveMaximum: 9 },
        'EXCLUSIVE_MAXIMUM_ADDED',
      ],
      ['multipleOf reduced', { type: 'number', multipleOf: 4 }, { type: 'number', multipleOf: 2 }, undefined],
      [
        'multipleOf expanded',
        { type: 'number', multipleOf: 2 },
        { type: 'number', multipleOf: 4 },
        'MULTIPLE_OF_EXPANDED',
      ],
      [
        'maxItems decreased',
        { type: 'array', maxItems: 3 },
        { type: 'array', maxItems: 2 },
        'MAX_ITEMS_DECREASED',
      ],
      ['uniqueItems added', { type: 'array' }, { type: 'array', uniqueItems: true }, 'UNIQUE_ITEMS_ADDED'],
      [
        'minProperties increased',
        { type: 'object', minProperties: 0 },
        { type: 'object', minProperties: 1 },
        'MIN_PROPERTIES_INCREASED',
      ],
    ];
    it.each(cases)('%s', (_name, before, after, rule) => {
      const result = check(object({ x: before }), object({ x: after }));
      expect(result.rules).toEqual(rule ? [rule] : []);
      expect(result.compatible).toBe(rule === undefined);
    });
  });

  describe('combined schemas', () => {
    it('accepts a oneOf gaining a branch and refuses one losing a branch (SUM_TYPE_NARROWED)', () => {
      const one = (...types: string[]) => object({ v: { oneOf: types.map((type) => ({ type })) } });
      expect(check(one('string', 'integer'), one('string', 'integer', 'boolean')).compatible).toBe(true);
      expect(check(one('string', 'integer'), one('string')).rules).toEqual(['SUM_TYPE_NARROWED']);
    });

    it('refuses an allOf gaining a part (PRODUCT_TYPE_EXTENDED) and accepts one losing a part', () => {
      const all = (...parts: object[]) => object({ v: { allOf: parts } });
      const a = { type: 'object', properties: { a: { type: 'string' } } };
      const b = { type: 'object', properties: { b: { type: 'string' } } };
      expect(check(all(a), all(a, b)).rules).toContain('PRODUCT_TYPE_EXTENDED');
      expect(check(all(a, b), all(a)).compatible).toBe(true);
    });

    it('refuses anyOf changed to allOf (COMBINED_TYPE_CHANGED) and accepts oneOf widened to anyOf', () => {
      const with_ = (criterion: string) =>
        object({ v: { [criterion]: [{ type: 'string' }, { type: 'integer' }] } });
      expect(check(with_('anyOf'), with_('allOf')).rules).toEqual(['COMBINED_TYPE_CHANGED']);
      expect(check(with_('oneOf'), with_('anyOf')).compatible).toBe(true);
    });

    it('refuses a branch whose type changed when no matching remains (COMBINED_TYPE_SUBSCHEMAS_CHANGED)', () => {
      const one = (...types: string[]) => object({ v: { oneOf: types.map((type) => ({ type })) } });
      expect(check(one('string', 'integer'), one('string', 'boolean')).rules).toEqual([
        'COMBINED_TYPE_SUBSCHEMAS_CHANGED',
      ]);
    });
  });

  describe('not, tuples and dependencies', () => {
    it('accepts a not-schema narrowed and refuses one extended (NOT_TYPE_EXTENDED)', () => {
      const not = (inner: object) => object({ v: { not: inner } });
      expect(check(not({ type: ['string', 'integer'] }), not({ type: 'string' })).compatible).toBe(true);
      expect(check(not({ type: 'string' }), not({ type: ['string', 'integer'] })).rules).toEqual([
        'NOT_TYPE_EXTENDED',
      ]);
    });

    it('refuses a tuple item removed from a closed tuple and accepts one added to it', () => {
      const tuple = (...types: string[]) =>
        object({ t: { type: 'array', items: types.map((type) => ({ type })), additionalItems: false } });
      expect(check(tuple('string', 'integer'), tuple('string')).rules).toEqual([
        'ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL',
      ]);
      expect(check(tuple('string'), tuple('string', 'integer')).compatible).toBe(true);
    });

    it('refuses a property dependency extended and accepts one narrowed', () => {
      const deps = (...names: string[]) => object({ a: { type: 'string' } }, { dependencies: { a: names } });
      expect(check(deps('b'), deps('b', 'c')).rules).toEqual(['DEPENDENCY_ARRAY_EXTENDED']);
      expect(check(deps('b', 'c'), deps('b')).compatible).toBe(true);
    });

    it('judges a property removed from a model with patternProperties by the matching pattern', () => {
      const patterned = (properties: Record<string, unknown>) =>
        object(properties, { patternProperties: { '^x_': { type: 'string' } }, additionalProperties: false });
      expect(check(patterned({ x_a: { type: 'string' } }), patterned({})).compatible).toBe(true);
      expect(check(patterned({ x_a: { type: 'integer' } }), patterned({})).rules).toEqual([
        'TYPE_CHANGED',
        'PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
      ]);
    });
  });

  describe('references', () => {
    it('follows local $refs into definitions and reports the change there', () => {
      const schema = (idType: string) =>
        JSON.stringify({
          type: 'object',
          properties: { customer: { $ref: '#/definitions/Customer' } },
          definitions: { Customer: { type: 'object', properties: { id: { type: idType } } } },
        });
      const result = check(schema('string'), schema('boolean'));
      expect(result.rules).toEqual(['TYPE_CHANGED']);
      expect(result.messages[0]).toContain('#/properties/customer/properties/id');
      expect(check(schema('integer'), schema('number')).compatible).toBe(true);
    });

    it('follows $refs to referenced schemas by their reference name', () => {
      const customer = (idType: string) =>
        JSON.stringify({ type: 'object', properties: { id: { type: idType } } });
      const order = object({ customer: { $ref: 'customer.json' } });
      const result = checkCompatibility({
        level: 'BACKWARD',
        candidate: {
          type: 'JSON',
          definition: order,
          references: [{ name: 'customer.json', definition: customer('integer') }],
        },
        previous: [
          {
            version: 3,
            type: 'JSON',
            definition: order,
            references: [{ name: 'customer.json', definition: customer('string') }],
          },
        ],
      });
      expect(result.compatible).toBe(false);
      expect(result.messages[0]).toMatch(
        /version 3: TYPE_CHANGED at #\/properties\/customer\/properties\/id/,
      );
    });

    it('terminates on a recursive schema and still finds a change inside it', () => {
      const tree = (valueType: string) =>
        JSON.stringify({
          $ref: '#/definitions/Node',
          definitions: {
            Node: {
              type: 'object',
              properties: {
                value: { type: valueType },
                children: { type: 'array', items: { $ref: '#/definitions/Node' } },
              },
            },
          },
        });
      expect(check(tree('string'), tree('string')).compatible).toBe(true);
      expect(check(tree('string'), tree('integer')).rules).toEqual(['TYPE_CHANGED']);
    });
  });
});
