import { describe, expect, it } from 'vitest';
import { checkCompatibility } from '../../../functions/lib/compat/index.js';
import type { CompatibilityLevel } from '../../../functions/lib/schema/index.js';

const proto3 = (body: string, packageName = 'shop.v1') =>
  `syntax = "proto3";\npackage ${packageName};\n${body}\n`;

/** Checks `next` against one earlier version `v1` under `level`; the rules named in the refusal. */
function check(v1: string, next: string, level: CompatibilityLevel = 'BACKWARD') {
  const result = checkCompatibility({
    level,
    candidate: { type: 'PROTOBUF', definition: next },
    previous: [{ version: 1, type: 'PROTOBUF', definition: v1 }],
  });
  const rules = result.messages.map((m) => /: ([A-Z_0-9]+) at /.exec(m)?.[1]);
  return { ...result, rules };
}

const order = (fields: string) => proto3(`message Order {\n${fields}\n}`);

describe('Protobuf compatibility (Confluent diff rules)', () => {
  describe('field types and wire-compatible groups', () => {
    it('refuses int64 changed to string and names rule, version and field path', () => {
      const result = check(order('int64 amount = 2;'), order('string amount = 2;'));

      expect(result.compatible).toBe(false);
      expect(result.messages).toEqual([
        'BACKWARD: the new schema cannot read data written with version 1: FIELD_SCALAR_KIND_CHANGED at #/Order/2',
      ]);
    });

    const sameGroup: [string, string][] = [
      ['int32', 'int64'],
      ['int32', 'uint32'],
      ['uint64', 'bool'],
      ['sint32', 'sint64'],
      ['fixed32', 'sfixed32'],
      ['fixed64', 'sfixed64'],
      ['string', 'bytes'],
    ];
    it.each(sameGroup)('accepts %s changed to %s (same wire group) under FULL', (before, after) => {
      expect(check(order(`${before} v = 1;`), order(`${after} v = 1;`), 'FULL').compatible).toBe(true);
    });

    const otherGroup: [string, string][] = [
      ['int32', 'sint32'],
      ['fixed32', 'fixed64'],
      ['float', 'double'],
      ['int64', 'fixed64'],
      ['string', 'int32'],
    ];
    it.each(otherGroup)('refuses %s changed to %s (FIELD_SCALAR_KIND_CHANGED)', (before, after) => {
      expect(check(order(`${before} v = 1;`), order(`${after} v = 1;`)).rules).toEqual([
        'FIELD_SCALAR_KIND_CHANGED',
      ]);
    });

    it('accepts an enum field changed to int32 (enums are general numbers)', () => {
      const withEnum = (type: string) =>
        proto3(`enum Status { NEW = 0; PAID = 1; }\nmessage Order { ${type} status = 1; }`);
      expect(check(withEnum('Status'), withEnum('int32')).compatible).toBe(true);
    });

    it('refuses a scalar changed to a message (FIELD_KIND_CHANGED) and a map to a scalar', () => {
      const withMoney = (type: string) =>
        proto3(`message Money { int64 units = 1; }\nmessage Order { ${type} total = 1; }`);
      expect(check(withMoney('int64'), withMoney('Money')).rules).toEqual(['FIELD_KIND_CHANGED']);
      expect(check(order('map<string, int64> tags = 1;'), order('string tags = 1;')).rules).toEqual([
        'FIELD_KIND_CHANGED',
      ]);
    });

    it('refuses a message field whose type was renamed (FIELD_NAMED_TYPE_CHANGED)', () => {
      const body = (type: string) =>
        proto3(
          `message Money { int64 units = 1; }\nmessage Price { int64 units = 1; }\nmessage Order { ${type} total = 1; }`,
        );
      expect(check(body('Money'), body('Price')).rules).toEqual(['FIELD_NAMED_TYPE_CHANGED']);
    });

    it('judges a nested message type where it is defined and flags the field that uses it', () => {
      const body = (units: string) =>
        proto3(`message Money { ${units} units = 1; }\nmessage Order { Money total = 1; }`);
      const result = check(body('int64'), body('string'));
      expect(result.rules).toContain('FIELD_SCALAR_KIND_CHANGED');
      expect(result.rules).toContain('FIELD_NAMED_TYPE_CHANGED');
      expect(result.messages.join('\n')).toContain('#/Money/1');
    });

    it('treats a map written as a map_entry message (as Glue stores it) like map<>', () => {
      const asMap = order('map<string, int64> tags = 1;');
      const asEntries = order(
        'repeated TagsEntry tags = 1;\n message TagsEntry { option map_entry = true; string key = 1; int64 value = 2; }',
      );
      const asEntriesOfString = order(
        'repeated TagsEntry tags = 1;\n message TagsEntry { option map_entry = true; string key = 1; string value = 2; }',
      );
      expect(check(asMap, asEntries, 'FULL').compatible).toBe(true);
      expect(check(asMap, asEntriesOfString).rules).toEqual(['FIELD_SCALAR_KIND_CHANGED']);
    });
  });

  describe('fields and labels', () => {
    it('accepts a field added or removed, and a field renamed under the same number', () => {
      expect(
        check(order('string id = 1;'), order('string id = 1;\n int64 amount = 2;'), 'FULL').compatible,
      ).toBe(true);
      expect(
        check(order('string id = 1;\n int64 amount = 2;'), order('string id = 1;'), 'FULL').compatible,
      ).toBe(true);
      expect(check(order('string id = 1;'), order('string order_id = 1;'), 'FULL').compatible).toBe(true);
    });

    it('refuses a number reused with another type', () => {
      expect(check(order('string id = 1;'), order('int32 id = 1;')).rules).toEqual([
        'FIELD_SCALAR_KIND_CHANGED',
      ]);
    });

    it('refuses a proto2 required field added or removed', () => {
      const proto2 = (fields: string) => `syntax = "proto2";\nmessage Order {\n${fields}\n}`;
      expect(
        check(proto2('optional string id = 1;'), proto2('optional string id = 1;\n required int32 n = 2;'))
          .rules,
      ).toEqual(['REQUIRED_FIELD_ADDED']);
      expect(
        check(proto2('optional string id = 1;\n required int32 n = 2;'), proto2('optional string id = 1;'))
          .rules,
      ).toEqual(['REQUIRED_FIELD_REMOVED']);
    });

    it('refuses a numeric field made repeated in proto2 and accepts a string one', () => {
      const proto2 = (fields: string) => `syntax = "proto2";\nmessage Order {\n${fields}\n}`;
      expect(check(proto2('optional int32 n = 1;'), proto2('repeated int32 n = 1;')).rules).toEqual([
        'FIELD_NUMERIC_LABEL_CHANGED',
      ]);
      expect(check(proto2('optional string s = 1;'), proto2('repeated string s = 1;')).compatible).toBe(true);
    });

    it('accepts proto3 optional added to a field (a label only counts when both sides write one)', () => {
      expect(check(order('int32 n = 1;'), order('optional int32 n = 1;'), 'FULL').compatible).toBe(true);
      expect(check(order('optional int32 n = 1;'), order('repeated int32 n = 1;')).rules).toEqual([
        'FIELD_NUMERIC_LABEL_CHANGED',
      ]);
    });
  });

  describe('messages and packages', () => {
    it('refuses a message removed or renamed (MESSAGE_REMOVED) and accepts one added', () => {
      const two = proto3('message Order { string id = 1; }\nmessage Refund { string id = 1; }');
      const one = proto3('message Order { string id = 1; }');
      const renamed = proto3('message Order { string id = 1; }\nmessage Reimbursement { string id = 1; }');
      expect(check(two, one).rules).toEqual(['MESSAGE_REMOVED']);
      expect(check(two, renamed).rules).toEqual(['MESSAGE_REMOVED']);
      expect(check(one, two).compatible).toBe(true);
    });

    it('accepts messages reordered (MESSAGE_MOVED)', () => {
      const ab = proto3('message A { string id = 1; }\nmessage B { string id = 1; }');
      const ba = proto3('message B { string id = 1; }\nmessage A { string id = 1; }');
      expect(check(ab, ba, 'FULL').compatible).toBe(true);
    });

    it('refuses a package change (PACKAGE_CHANGED)', () => {
      const body = 'message Order { string id = 1; }';
      expect(check(proto3(body, 'shop.v1'), proto3(body, 'shop.v2')).rules).toEqual(['PACKAGE_CHANGED']);
    });

    it('refuses a nested message removed and names its path', () => {
      const result = check(
        order('Line line = 1;\n message Line { string sku = 1; }\n message Note { string text = 1; }'),
        order('Line line = 1;\n message Line { string sku = 1; }'),
      );
      expect(result.rules).toEqual(['MESSAGE_REMOVED']);
      expect(result.messages[0]).toContain('#/Order/Note');
    });
  });

  describe('enums', () => {
    it('accepts enum constants added, removed or renamed (Confluent counts none of them)', () => {
      const e = (constants: string) =>
        proto3(`enum Status { ${constants} }\nmessage Order { Status s = 1; }`);
      expect(check(e('NEW = 0; PAID = 1;'), e('NEW = 0; PAID = 1; SHIPPED = 2;'), 'FULL').compatible).toBe(
        true,
      );
      expect(check(e('NEW = 0; PAID = 1;'), e('NEW = 0;'), 'FULL').compatible).toBe(true);
      expect(check(e('NEW = 0; PAID = 1;'), e('NEW = 0; SETTLED = 1;'), 'FULL').compatible).toBe(true);
    });
  });

  describe('oneofs', () => {
    it('accepts one field moved into a new oneof, refuses two (MULTIPLE_FIELDS_MOVED_TO_ONEOF)', () => {
      const v1 = order('string email = 1;\n string phone = 2;');
      expect(check(v1, order('oneof contact { string email = 1; }\n string phone = 2;')).compatible).toBe(
        true,
      );
      expect(check(v1, order('oneof contact { string email = 1; string phone = 2; }')).rules).toEqual([
        'MULTIPLE_FIELDS_MOVED_TO_ONEOF',
      ]);
    });

    it('refuses a field moved into an existing oneof (FIELD_MOVED_TO_EXISTING_ONEOF)', () => {
      const v1 = order('oneof contact { string email = 1; }\n string phone = 2;');
      expect(check(v1, order('oneof contact { string email = 1; string phone = 2; }')).rules).toEqual([
        'FIELD_MOVED_TO_EXISTING_ONEOF',
      ]);
    });

    it('refuses a oneof member removed while the oneof stays, accepts the whole oneof removed', () => {
      const v1 = order('string id = 3;\n oneof contact { string email = 1; string phone = 2; }');
      const result = check(v1, order('string id = 3;\n oneof contact { string email = 1; }'));
      expect(result.rules).toEqual(['ONEOF_FIELD_REMOVED']);
      expect(result.messages[0]).toContain('#/Order/contact/2');
      expect(check(v1, order('string id = 3;')).compatible).toBe(true);
    });

    it('accepts a field moved out of its oneof to the top level', () => {
      const v1 = order('oneof contact { string email = 1; string phone = 2; }');
      expect(check(v1, order('string email = 1;\n oneof contact { string phone = 2; }')).compatible).toBe(
        true,
      );
    });

    it('still sees a type change of a field that moved into a oneof', () => {
      expect(check(order('int64 n = 1;'), order('oneof o { string n = 1; }')).rules).toEqual([
        'FIELD_SCALAR_KIND_CHANGED',
      ]);
    });
  });

  describe('imports', () => {
    it('resolves well-known types without references and sees a field change from Timestamp to string', () => {
      const body = (type: string) =>
        proto3(`import "google/protobuf/timestamp.proto";\nmessage Order { ${type} at = 1; }`);
      expect(check(body('google.protobuf.Timestamp'), body('google.protobuf.Timestamp')).compatible).toBe(
        true,
      );
      expect(check(body('google.protobuf.Timestamp'), body('string')).rules).toEqual(['FIELD_KIND_CHANGED']);
    });

    it('compares a message from a referenced file through its import', () => {
      const money = (units: string) =>
        `syntax = "proto3";\npackage common;\nmessage Money { ${units} units = 1; }`;
      const orderText = proto3('import "money.proto";\nmessage Order { common.Money total = 1; }');
      const result = checkCompatibility({
        level: 'BACKWARD',
        candidate: {
          type: 'PROTOBUF',
          definition: orderText,
          references: [{ name: 'money.proto', definition: money('string') }],
        },
        previous: [
          {
            version: 2,
            type: 'PROTOBUF',
            definition: orderText,
            references: [{ name: 'money.proto', definition: money('int64') }],
          },
        ],
      });
      expect(result.compatible).toBe(false);
      expect(result.messages.join('\n')).toMatch(/version 2: FIELD_SCALAR_KIND_CHANGED at #\/Money\/1/);
    });
  });
});
